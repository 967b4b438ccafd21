#!/usr/bin/env node
// Real-browser test of the `ouro --viz` page (crates/ouro-vm/viz/page.html, docs/VIZ.md)
// on the seed example (examples/seed.py), in headless Debian chromium.
//
//   node tests/browser/viz_seed.test.mjs PAGE.html [SCREENSHOT.png]
//       PAGE.html is what `ouro --viz PAGE.html examples/seed.py` wrote.
//   node tests/browser/viz_seed.test.mjs --sample [SCREENSHOT.png]
//       Needs no ouro: builds the page from the template and sample_seed.json (as the
//       recorder does), and also checks the template without data, the collector view
//       (sample_cycle.json) and a synthetic recording of thousands of steps.
//   node tests/browser/viz_seed.test.mjs --extract PAGE.html
//       Prints the recording embedded in a page, one step per line (how the
//       fixtures are made; see README.md).
//
// Exits 0 when every check passes, 1 with a message at the first failure
// (VIZ_TEST_KEEP_GOING=1 reports every failure instead). The screenshot
// (default target/viz-seed.png) shows the seed's list step with a "why alive" path.
// See README.md in this folder.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const TEMPLATE = path.join(ROOT, 'crates', 'ouro-vm', 'viz', 'page.html');
const PLACEHOLDER = '"__OURO_DATA__"';
const CHROMIUM = process.env.OURO_CHROMIUM || '/usr/bin/chromium';
// The machine has no internet: without these, chromium tries to reach Google and is refused.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const KEEP_GOING = process.env.VIZ_TEST_KEEP_GOING === '1';

// ---------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------

class CheckFailed extends Error {}
const failures = [];
let section = '';

function check(ok, message) {
  if (ok) return true;
  const text = (section ? '[' + section + '] ' : '') + message;
  if (!KEEP_GOING) throw new CheckFailed(text);
  failures.push(text);
  console.error('FAIL ' + text);
  return false;
}

function pass(message) {
  console.log('ok   ' + (section ? '[' + section + '] ' : '') + message);
}

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

/** What the recorder does: the JSON in place of the placeholder, every `<` as \u003c. */
function buildPage(recording, outFile) {
  const template = fs.readFileSync(TEMPLATE, 'utf8');
  const count = template.split(PLACEHOLDER).length - 1;
  check(count === 1, 'the template must contain ' + PLACEHOLDER + ' exactly once (found ' + count + ')');
  const json = JSON.stringify(recording).replace(/</g, '\\u003c');
  fs.writeFileSync(outFile, template.replace(PLACEHOLDER, () => json));
  return outFile;
}

/** The recording embedded in a page, for the checks that need to know what was recorded. */
function embeddedRecording(file) {
  const html = fs.readFileSync(file, 'utf8');
  const m = html.match(/<script id="ouro-data" type="application\/json">([\s\S]*?)<\/script>/);
  check(m, file + ': no <script id="ouro-data" type="application/json"> element');
  return JSON.parse(m[1]);
}

async function openPage(context, file) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  // The page must be self-contained: any request other than the page itself is a failure.
  const url = pathToFileURL(file).href;
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url || u.startsWith('data:')) return route.continue();
    problems.push('the page requested ' + u + ' (it must not load anything)');
    return route.abort();
  });
  await page.goto(url);
  page.problems = problems;
  return page;
}

function checkNoProblems(page) {
  check(page.problems.length === 0, page.problems.join('; '));
}

async function stepOf(page) {
  return Number(await page.getAttribute('body', 'data-step'));
}

/** Waits until objects have reached their places (their moves are CSS transitions). */
async function settle(page) {
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => typeof CSSTransition !== 'undefined' && a instanceof CSSTransition)
    .map((a) => a.finished.catch(() => {}))));
}

/** Everything drawn at the current step, read back from the DOM (see the hooks in page.html). */
function snapshot(page) {
  return page.evaluate(() => {
    const rect = (el) => { const r = el.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; };
    const frames = [...document.querySelectorAll('#frames .frame')].map((f) => ({
      name: f.dataset.frame,
      depth: Number(f.dataset.depth),
      rect: rect(f),
      names: [...f.querySelectorAll('.vrow[data-name]')].map((r) => ({ name: r.dataset.name, ref: r.dataset.ref ?? null, rect: rect(r) })),
    }));
    const objects = {};
    const duplicates = [];
    for (const o of document.querySelectorAll('#objects .obj[data-key]')) {
      if (objects[o.dataset.key]) duplicates.push(o.dataset.key);
      const style = getComputedStyle(o);
      objects[o.dataset.key] = {
        type: o.dataset.type, value: o.dataset.value ?? null, id: o.dataset.id, garbage: o.dataset.garbage === 'true',
        rect: rect(o), borderStyle: style.borderTopStyle, borderColor: style.borderTopColor,
        refs: [...o.querySelectorAll('.oref[data-label]')].map((r) => ({ label: r.dataset.label, ref: r.dataset.ref ?? null })),
      };
    }
    const arrows = [...document.querySelectorAll('#arrow-layer path.arrow')].map((p) => {
      const m = p.getScreenCTM();
      const end = p.getPointAtLength(p.getTotalLength()).matrixTransform(m);
      const start = p.getPointAtLength(0).matrixTransform(m);
      return {
        from: p.dataset.from, to: p.dataset.to, label: p.dataset.label, cls: p.getAttribute('class'),
        start: { x: start.x, y: start.y }, end: { x: end.x, y: end.y },
      };
    });
    const current = [...document.querySelectorAll('#source .sline.current')].map((l) => l.dataset.line);
    const ghosts = [...document.querySelectorAll('#ghosts .obj.ghost')].map((g) => g.dataset.ghostKey);
    return {
      step: Number(document.body.dataset.step), line: document.body.dataset.line, frames, objects, duplicates,
      arrows, current, ghosts, output: document.getElementById('output').textContent,
    };
  });
}

const inside = (p, r, slack = 4) => p.x >= r.l - slack && p.x <= r.r + slack && p.y >= r.t - slack && p.y <= r.b + slack;

/** The drawing agrees with itself: one box per key, every name and reference has its arrow, ending on its box. */
function checkConsistent(s) {
  const at = 'step ' + s.step + ': ';
  check(s.duplicates.length === 0, at + 'objects drawn twice: ' + s.duplicates.join(', '));
  const arrowsFrom = new Map();
  for (const a of s.arrows) {
    const list = arrowsFrom.get(a.from) || [];
    list.push(a);
    arrowsFrom.set(a.from, list);
    const target = s.objects[a.to];
    check(target, at + 'an arrow from ' + a.from + ' (' + a.label + ') goes to key ' + a.to + ', which is not drawn');
    if (target) {
      check(inside(a.end, target.rect), at + 'the arrow from ' + a.from + ' (' + a.label + ') ends at ('
        + a.end.x.toFixed(0) + ',' + a.end.y.toFixed(0) + '), not on the box of key ' + a.to);
    }
  }
  for (const f of s.frames) {
    for (const n of f.names) {
      if (n.ref === null) continue;
      check(s.objects[n.ref], at + 'name ' + f.name + '.' + n.name + ' refers to key ' + n.ref + ', which is not drawn');
      const from = arrowsFrom.get('name:' + f.depth + ':' + n.name) || [];
      check(from.length === 1 && from[0].to === n.ref, at + 'name ' + f.name + '.' + n.name
        + ' should have one arrow to key ' + n.ref + ', has ' + JSON.stringify(from.map((a) => a.to)));
      if (from.length === 1) check(inside(from[0].start, n.rect), at + 'the arrow of ' + f.name + '.' + n.name + ' does not start on its row');
    }
  }
  for (const [key, o] of Object.entries(s.objects)) {
    const from = arrowsFrom.get('obj:' + key) || [];
    for (const a of from) check(inside(a.start, o.rect), at + 'the arrow ' + a.label + ' of ' + o.type + ' ' + key + ' does not start on its box');
    for (const r of o.refs) {
      if (r.ref === null) continue;
      check(from.some((a) => a.label === r.label && a.to === r.ref), at + o.type + ' ' + key + ': its reference '
        + r.label + ' to key ' + r.ref + ' has no arrow');
    }
  }
  if (s.line !== '') {
    check(s.current.length <= 1 && (s.current.length === 0 || s.current[0] === s.line),
      at + 'the source marks line ' + s.current.join(',') + ' as current, the step is at line ' + s.line);
  }
}

/**
 * The recording against docs/VIZ.md. Returns [errors, notes]: errors break the contract
 * in a way the page shows wrongly; notes are oddities the page tolerates.
 */
function validateRecording(rec) {
  const errors = [];
  const notes = new Set();
  const err = (k, m) => { if (errors.length < 20) errors.push('step ' + k + ': ' + m); };
  const EVENTS = new Set(['line', 'call', 'return', 'exception', 'exit']);
  const isLine = (n) => Number.isInteger(n) && n >= 1;
  if (rec.version !== 1) errors.push('version should be 1, is ' + rec.version);
  if (typeof rec.file !== 'string' || typeof rec.source !== 'string') errors.push('file and source should be strings');
  if (typeof rec.truncated !== 'boolean' || !Number.isInteger(rec.step_cap)) errors.push('truncated and step_cap are missing');
  if (!Array.isArray(rec.steps) || !rec.steps.length) return [errors.concat('no steps'), []];
  const state = new Map();
  const everShown = new Set();
  const removedEver = new Set();
  let stack = [];
  rec.steps.forEach((s, k) => {
    if (!EVENTS.has(s.event)) err(k, 'unknown event ' + JSON.stringify(s.event));
    if (s.line !== null && !isLine(s.line)) err(k, 'line should be a line number or null, is ' + s.line);
    if (s.line === null && s.event !== 'exit') err(k, 'line is null but the event is ' + s.event);
    if (s.file !== null && s.file !== rec.file) {
      if (typeof s.file === 'string' && s.file.endsWith('/' + rec.file)) notes.add('steps name the script "' + s.file + '" where the top-level file is "' + rec.file + '" (docs/VIZ.md shows the same text in both)');
    }
    const keep = s.frames_keep ?? 0;
    if (!Number.isInteger(keep) || keep < 0 || keep > stack.length) err(k, 'frames_keep ' + keep + ' but the previous stack has ' + stack.length + ' frames');
    stack = stack.slice(0, keep).concat(s.frames || []);
    for (const f of stack) {
      if (f.line !== null && !isLine(f.line)) notes.add('frame ' + f.name + ' has line ' + f.line + ' at step ' + k + ' (' + s.event + '): not a line number');
    }
    for (const [key, o] of Object.entries(s.objects || {})) { state.set(key, o); everShown.add(key); }
    for (const key of s.removed || []) {
      if (!state.has(String(key))) err(k, 'removed key ' + key + ' was not in the state');
      state.delete(String(key));
      removedEver.add(String(key));
    }
    for (const key of s.freed || []) {
      const kk = String(key);
      if (state.has(kk)) err(k, 'freed key ' + kk + ' is still in the state (not removed)');
      else if (everShown.has(kk) && !(s.removed || []).map(String).includes(kk)) {
        notes.add('freed lists keys removed at an earlier step (e.g. ' + kk + ' at step ' + k + '): "a subset of removed" read as removed at this step or before');
      }
    }
    // What is drawn: reachable from the names, plus cyclic garbage.
    const roots = [];
    for (const f of stack) for (const l of f.locals || []) {
      if (l.ref === null || l.ref === undefined) continue;
      if (!state.has(String(l.ref))) { err(k, 'name ' + f.name + '.' + l.name + ' refers to key ' + l.ref + ', not in the state'); continue; }
      roots.push(String(l.ref));
    }
    const reachable = (strongOnly, from = roots) => {
      const seen = new Set();
      const todo = [...from];
      while (todo.length) {
        const key = todo.pop();
        if (seen.has(key)) continue;
        seen.add(key);
        for (const r of state.get(key).refs || []) {
          if (!state.has(String(r.to))) err(k, 'object ' + key + ' ' + r.label + ' refers to key ' + r.to + ', not in the state');
          else if (!(strongOnly && r.weak)) todo.push(String(r.to));
        }
      }
      return seen;
    };
    const strong = reachable(true);
    const garbage = [...state].filter(([, o]) => o.garbage).map(([key]) => key);
    const drawn = reachable(false, roots.concat(garbage));
    for (const [key, o] of state) {
      if (o.garbage && strong.has(key)) err(k, 'object ' + key + ' is marked garbage but reachable from a name');
      if (!drawn.has(key)) err(k, 'object ' + key + ' (' + o.type + ') is in the state but reachable neither from a name nor from garbage');
    }
    if (s.heap) {
      for (const a of s.heap.arenas || []) {
        if (!Array.isArray(a.pools) || a.pools.length > 64) err(k, 'an arena should list at most 64 pools');
        else if (a.pools.some((p) => !Array.isArray(p) || p.length !== 4)) err(k, 'pools should be [state, size_class, used, total]');
      }
      if ((s.heap.classes || []).some((c) => !Array.isArray(c) || c.length !== 4)) err(k, 'classes should be [size_class, pools, used, available]');
    }
  });
  const last = rec.steps[rec.steps.length - 1];
  if (!rec.truncated && last.event !== 'exit') errors.push('the last step of a complete run should be the exit');
  return [errors, [...notes]];
}

const moduleFrame = (s) => s.frames.find((f) => f.depth === 0 && f.name === '<module>');
const nameIn = (f, name) => (f ? f.names.find((n) => n.name === name) : undefined);

// ---------------------------------------------------------------------------
// The seed
// ---------------------------------------------------------------------------

async function checkControls(page) {
  section = 'controls';
  const n = Number(await page.getAttribute('body', 'data-steps'));
  check(n >= 10, 'the page should have the seed\'s steps (body[data-steps] = ' + n + ')');
  const expect = async (want, what) => check((await stepOf(page)) === want, what + ': expected step ' + want + ', got ' + (await stepOf(page)));
  await expect(0, 'on load');
  await page.click('#btn-next'); await expect(1, 'next button');
  await page.click('#btn-next'); await expect(2, 'next button twice');
  await page.click('#btn-prev'); await expect(1, 'previous button');
  await page.click('#btn-last'); await expect(n - 1, 'last button');
  check(await page.isDisabled('#btn-next'), 'the next button should be disabled at the last step');
  await page.click('#btn-first'); await expect(0, 'first button');
  check(await page.isDisabled('#btn-prev'), 'the previous button should be disabled at the first step');
  await page.locator('#slider').fill('3'); await expect(3, 'slider set to 3');
  // Keys act once, wherever the focus is (the slider must not move a second time).
  await page.keyboard.press('ArrowRight'); await expect(4, 'ArrowRight with the focus on the slider');
  await page.click('header');
  await page.keyboard.press('ArrowRight'); await expect(5, 'ArrowRight');
  await page.keyboard.press('ArrowLeft'); await expect(4, 'ArrowLeft');
  await page.keyboard.press('End'); await expect(n - 1, 'End');
  await page.keyboard.press('Home'); await expect(0, 'Home');
  check(await page.inputValue('#slider') === '0', 'the slider should follow the step');
  pass('first / previous / next / last buttons, slider, ArrowRight / ArrowLeft / Home / End (' + n + ' steps)');
  return n;
}

async function walk(page, n) {
  const snaps = [];
  await page.keyboard.press('Home');
  for (let k = 0; k < n; k++) {
    if (k > 0) await page.keyboard.press('ArrowRight');
    await settle(page);
    const s = await snapshot(page);
    check(s.step === k, 'walking with ArrowRight: expected step ' + k + ', got ' + s.step);
    checkConsistent(s);
    if (k > 0) {
      check(s.output.startsWith(snaps[k - 1].output), 'step ' + k + ': the output must keep what was printed before');
    }
    snaps.push(s);
  }
  return snaps;
}

async function checkSeed(page, screenshot) {
  const n = await checkControls(page);

  section = 'seed';
  const snaps = await walk(page, n);
  pass('every step: one box per object, every name and reference has one arrow ending on its object\'s box, current line marked');

  // x = 10; y = x: the names x and y, two arrows, ONE int object.
  const shared = snaps.findIndex((s) => {
    const x = nameIn(moduleFrame(s), 'x');
    const y = nameIn(moduleFrame(s), 'y');
    return x && y && x.ref !== null && x.ref === y.ref;
  });
  check(shared >= 0, 'no step shows the names x and y of <module> referring to the same object (x = 10; y = x)');
  const s1 = snaps[shared];
  const intKey = nameIn(moduleFrame(s1), 'x').ref;
  const ten = s1.objects[intKey];
  check(ten.type === 'int' && ten.value === '10', 'step ' + shared + ': x and y should refer to the int 10, found '
    + ten.type + ' ' + ten.value);
  const xy = s1.arrows.filter((a) => a.from === 'name:0:x' || a.from === 'name:0:y');
  check(xy.length === 2 && xy.every((a) => a.to === intKey && inside(a.end, ten.rect)),
    'step ' + shared + ': the arrows of x and y should both end on the one int box (key ' + intKey + ')');
  check(Object.values(s1.objects).filter((o) => o.type === 'int' && o.value === '10').length === 1,
    'step ' + shared + ': the int 10 should be drawn once');
  pass('step ' + shared + ': x and y, two arrows to ONE int object (10, key ' + intKey + ', id ' + ten.id + ')');

  // x = 11: now TWO different int objects.
  const split = snaps.findIndex((s, k) => {
    if (k <= shared) return false;
    const x = nameIn(moduleFrame(s), 'x');
    const y = nameIn(moduleFrame(s), 'y');
    return x && y && x.ref !== null && y.ref !== null && x.ref !== y.ref;
  });
  check(split > shared, 'no step after ' + shared + ' shows x and y referring to different objects (x = 11)');
  const s2 = snaps[split];
  const xKey = nameIn(moduleFrame(s2), 'x').ref;
  const yKey = nameIn(moduleFrame(s2), 'y').ref;
  const x2 = s2.objects[xKey];
  const y2 = s2.objects[yKey];
  check(x2.type === 'int' && x2.value === '11', 'step ' + split + ': x should refer to the int 11, found ' + x2.type + ' ' + x2.value);
  check(yKey === intKey && y2.value === '10', 'step ' + split + ': y should still refer to the same int 10 (key ' + intKey + ')');
  check(x2.id !== y2.id, 'step ' + split + ': the two ints should have different ids');
  const ax = s2.arrows.find((a) => a.from === 'name:0:x');
  const ay = s2.arrows.find((a) => a.from === 'name:0:y');
  check(ax && ay && inside(ax.end, x2.rect) && inside(ay.end, y2.rect) && !inside(ax.end, y2.rect, 0),
    'step ' + split + ': the arrows of x and y should end on two different boxes');
  pass('step ' + split + ': after x = 11, x and y go to TWO different int objects (11 and 10)');

  // func(): its frame appears below <module>, with x and y, then goes away.
  const withFunc = snaps.filter((s) => s.frames.some((f) => f.name === 'func'));
  check(withFunc.length > 0, 'no step shows the frame of func');
  for (const s of withFunc) {
    const f = s.frames.find((fr) => fr.name === 'func');
    const m = moduleFrame(s);
    check(m && f.depth === 1 && m.rect.b <= f.rect.t, 'step ' + s.step + ': the frame of func should be drawn below <module> (outermost on top)');
  }
  const funcX = withFunc.find((s) => nameIn(s.frames.find((f) => f.name === 'func'), 'x')?.ref);
  check(funcX, 'the frame of func never shows its name x');
  const fx = nameIn(funcX.frames.find((f) => f.name === 'func'), 'x').ref;
  check(funcX.objects[fx].type === 'int' && funcX.objects[fx].value === '10',
    'step ' + funcX.step + ': func\'s x should refer to the int 10');
  check(fx === intKey, 'step ' + funcX.step + ': func\'s x = 10 should be the same (cached) int object as <module>\'s y (key '
    + intKey + '), it is key ' + fx);
  const funcXY = withFunc.find((s) => {
    const f = s.frames.find((fr) => fr.name === 'func');
    return nameIn(f, 'x')?.ref && nameIn(f, 'y')?.ref;
  });
  check(funcXY, 'the frame of func never shows both x and y: no step has func\'s frame after y = "Apple" ran (steps with func: '
    + withFunc.map((s) => s.step + ' at line ' + s.line).join(', ') + '; the step after line 13 has the frame already popped)');
  if (funcXY) {
    const fy = nameIn(funcXY.frames.find((f) => f.name === 'func'), 'y').ref;
    check(funcXY.objects[fy].type === 'str' && funcXY.objects[fy].value === "'Apple'",
      'step ' + funcXY.step + ': func\'s y should refer to the str \'Apple\'');
  }
  const lastFunc = withFunc[withFunc.length - 1].step;
  const gone = snaps.find((s) => s.step > lastFunc && moduleFrame(s) && !s.frames.some((f) => f.name === 'func'));
  check(gone, 'the frame of func should go away after the call (last shown at step ' + lastFunc + ')');
  pass('steps ' + withFunc[0].step + '-' + lastFunc + ': the frame of func, below <module>, with x (the same int 10)'
    + (funcXY ? ' and y (\'Apple\')' : '') + '; gone at step ' + gone.step);

  // x = [None]*5: one list, five arrows, all to the ONE None object.
  const listStep = snaps.findIndex((s) => {
    const x = nameIn(moduleFrame(s), 'x');
    return x && x.ref !== null && s.objects[x.ref]?.type === 'list';
  });
  check(listStep >= 0, 'no step shows x referring to a list (x = [None]*5)');
  const s3 = snaps[listStep];
  const listKey = nameIn(moduleFrame(s3), 'x').ref;
  const list = s3.objects[listKey];
  const items = s3.arrows.filter((a) => a.from === 'obj:' + listKey);
  check(list.refs.length === 5 && items.length === 5, 'step ' + listStep + ': the list should show 5 references with 5 arrows, has '
    + list.refs.length + ' references and ' + items.length + ' arrows');
  check(JSON.stringify(items.map((a) => a.label).sort()) === JSON.stringify(['[0]', '[1]', '[2]', '[3]', '[4]']),
    'step ' + listStep + ': the list\'s arrows should be labelled [0]..[4], are ' + items.map((a) => a.label).join(' '));
  const noneKey = items[0].to;
  const none = s3.objects[noneKey];
  check(items.every((a) => a.to === noneKey && inside(a.end, none.rect)), 'step ' + listStep
    + ': the five arrows should all end on the same object');
  check(none.type === 'NoneType' && none.value === 'None', 'step ' + listStep + ': the list\'s items should be None, are ' + none.type);
  check(Object.values(s3.objects).filter((o) => o.type === 'NoneType').length === 1, 'step ' + listStep + ': None should be drawn once');
  pass('step ' + listStep + ': x = [None]*5 is one list whose five arrows go to the ONE None object');

  // The output, accumulated step by step.
  const out = snaps[n - 1].output;
  check(snaps[0].output === '', 'nothing should be printed at step 0');
  const lines = out.split('\n');
  check(lines[0] === ten.id && lines[1] === ten.id, 'the first two printed lines should be the id of the int 10 drawn ('
    + ten.id + '), are ' + JSON.stringify(lines.slice(0, 2)));
  check(lines[2] === 'x and y refer to the same object', 'printed line 3 should say x and y refer to the same object');
  check(lines[3] === x2.id, 'printed line 4 should be the id of the int 11 drawn (' + x2.id + '), is ' + JSON.stringify(lines[3]));
  check(lines[4] === 'x and y do not refer to the same object', 'printed line 5 should say they do not');
  check(lines[5] === '[None, None, None, None, None]', 'printed line 6 should be the list, is ' + JSON.stringify(lines[5]));
  const firstId = snaps.findIndex((s) => s.output !== '');
  check(firstId > 0 && snaps[firstId].output === ten.id + '\n', 'the output should grow step by step (first print at step ' + firstId + ')');
  pass('the output appears as printed, step by step; the printed ids are the ids drawn');

  // The allocator panel.
  const alloc = await page.evaluate(() => ({
    arenas: [...document.querySelectorAll('#arenas .arena')].map((a) => a.querySelectorAll('.pool').length),
    used: document.querySelectorAll('#arenas .pool[data-state="used"], #arenas .pool[data-state="full"]').length,
    classes: document.querySelectorAll('#classes tbody tr[data-class]').length,
  }));
  check(alloc.arenas.length >= 1 && alloc.arenas.every((c) => c === 64), 'the allocator panel should draw arenas as rows of 64 pools, has '
    + JSON.stringify(alloc.arenas));
  check(alloc.used >= 1 && alloc.classes >= 1, 'the allocator panel should show pools in use and the size classes');
  pass('allocator: ' + alloc.arenas.length + ' arena(s) of 64 pool cells, ' + alloc.used + ' pools in use, ' + alloc.classes + ' size classes');

  // Why is it alive? Click None at the list step.
  await page.evaluate((k) => window.ouroViz.go(k), listStep);
  await settle(page);
  await page.click('#objects .obj[data-key="' + noneKey + '"]');
  const why = await page.evaluate(() => ({
    text: document.getElementById('why')?.textContent.replace(/\s+/g, ' ').trim(),
    onPath: [...document.querySelectorAll('#arrow-layer path.arrow.onpath')].map((p) => p.dataset.from + '>' + p.dataset.to),
    selected: document.querySelector('.obj.sel')?.dataset.key,
  }));
  check(why.selected === noneKey, 'clicking None should select it');
  check(why.text === '<module>.x → [0]', 'why None is alive should read "<module>.x → [0]", reads ' + JSON.stringify(why.text));
  check(why.onPath.length === 2 && why.onPath.includes('name:0:x>' + listKey) && why.onPath.includes('obj:' + listKey + '>' + noneKey),
    'the path\'s two arrows (x, then the list\'s [0]) should be highlighted, are ' + JSON.stringify(why.onPath));
  pass('clicking None shows why it is alive: <module>.x → [0], with the two arrows highlighted');

  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  pass('screenshot ' + path.relative(process.cwd(), screenshot));
  checkNoProblems(page);
}

// ---------------------------------------------------------------------------
// The other checks of --sample mode
// ---------------------------------------------------------------------------

async function checkTemplate(context) {
  section = 'template';
  const page = await openPage(context, TEMPLATE);
  const shown = await page.isVisible('#nodata');
  const text = (await page.textContent('#nodata')) || '';
  check(shown && /ouro --viz/.test(text), 'the template without data should say how to make a page, shows ' + JSON.stringify(text.trim()));
  checkNoProblems(page);
  pass('the template without data shows: ' + text.replace(/\s+/g, ' ').trim());
  await page.close();
}

async function checkCycle(context, dir) {
  section = 'cycle';
  const rec = JSON.parse(fs.readFileSync(path.join(HERE, 'sample_cycle.json'), 'utf8'));
  const [errors] = validateRecording(rec);
  check(errors.length === 0, 'sample_cycle.json does not follow docs/VIZ.md:\n  ' + errors.join('\n  '));
  const page = await openPage(context, buildPage(rec, path.join(dir, 'cycle.html')));
  const gcSteps = rec.steps.map((s, k) => (s.gc ? k : -1)).filter((k) => k >= 0);
  check(gcSteps.length >= 1, 'sample_cycle.json should have a collection');
  const gcStep = gcSteps[0];

  const notice = await page.isVisible('#truncated') ? await page.textContent('#truncated') : '';
  check(rec.truncated && notice.includes(String(rec.step_cap)), 'a truncated run should say so with its cap ('
    + rec.step_cap + '), says ' + JSON.stringify(notice));
  pass('truncated notice: ' + notice);

  const marks = await page.$$eval('#timeline .mark-gc', (ms) => ms.map((m) => Number(m.dataset.step)));
  check(JSON.stringify(marks) === JSON.stringify(gcSteps), 'the timeline should mark the collections at steps ' + gcSteps + ', marks ' + marks);
  await page.click('#btn-next-gc');
  check((await stepOf(page)) === gcStep, 'the next-collection button should go to step ' + gcStep);
  await page.keyboard.press('Home');
  await page.click('#timeline .mark-gc[data-step="' + gcStep + '"]', { force: true });
  check((await stepOf(page)) === gcStep, 'clicking the timeline mark should go to step ' + gcStep);
  pass('collections marked on the timeline (steps ' + gcSteps.join(', ') + '); the mark and the next-collection button go there');

  // Before the collection: the cycle is garbage, drawn red and dashed.
  await page.evaluate((k) => window.ouroViz.go(k), gcStep - 1);
  await settle(page);
  const before = await snapshot(page);
  checkConsistent(before);
  const garbage = Object.entries(before.objects).filter(([, o]) => o.garbage);
  const freedKeys = rec.steps[gcStep].freed.map(String);
  check(garbage.length > 0 && garbage.every(([k]) => freedKeys.includes(k)), 'step ' + (gcStep - 1) + ': the garbage objects should be drawn (found '
    + garbage.map(([k]) => k) + ', freed next: ' + freedKeys + ')');
  for (const [k, o] of garbage) {
    const [r, g, b] = (o.borderColor.match(/\d+/g) || []).map(Number);
    check(o.borderStyle === 'dashed' && r > 150 && g < 100 && b < 100, 'garbage object ' + k + ' should have a red dashed border, has '
      + o.borderStyle + ' ' + o.borderColor);
  }
  await page.click('#objects .obj[data-key="' + garbage[0][0] + '"]');
  const why = (await page.textContent('#why')).trim();
  check(why === 'unreachable: cyclic garbage, waiting for the collector', 'why a garbage object is alive should say it is cyclic garbage, says '
    + JSON.stringify(why));
  pass('step ' + (gcStep - 1) + ': ' + garbage.length + ' garbage objects, red and dashed; clicking one says it waits for the collector');

  // The collection: the freed objects fade out.
  await page.click('#btn-next');
  await settle(page);
  const after = await snapshot(page);
  checkConsistent(after);
  check(after.step === gcStep, 'next should reach the collection step');
  check(JSON.stringify([...after.ghosts].sort()) === JSON.stringify(garbage.map(([k]) => k).sort()),
    'step ' + gcStep + ': the freed objects should be drawn fading out, ghosts are ' + after.ghosts);
  check(garbage.every(([k]) => !after.objects[k]), 'step ' + gcStep + ': the freed objects should no longer be drawn as live');
  check(await page.isVisible('#gc-banner'), 'step ' + gcStep + ': the collection should be announced');
  await page.waitForTimeout(2600);
  const opacity = await page.$$eval('#ghosts .obj.ghost', (gs) => gs.map((g) => Number(getComputedStyle(g).opacity)));
  check(opacity.every((o) => o < 0.05), 'the freed objects should have faded out, opacities ' + opacity);
  const events = await page.textContent('#step-events');
  check(/Cycle collection/.test(events) && /collected/.test(events), 'the step card should detail the collection');
  pass('step ' + gcStep + ': the collection is announced, the ' + after.ghosts.length + ' freed objects fade out');
  checkNoProblems(page);
  await page.close();
}

/**
 * A synthetic recording of the kind a long program makes: thousands of steps, a
 * linked list of hundreds of nodes, a deep call stack sent as diffs (frames_keep),
 * garbage and collections, weak references, allocator data every few steps.
 */
function stressRecording(count) {
  const NODES = 400;
  const NONE = 1;
  const LIST = 2;
  const WREF = 3;
  const node = (i, garbage = false, next = null) => ({
    id: 140000000000000 + i * 64, type: 'Node', value: null, refcount: 1 + (i % 3), size: 56, generation: i % 3, garbage,
    refs: [next !== null ? { label: '.next', to: next } : null, { label: '.value', to: NONE }].filter(Boolean),
  });
  const int = (v) => ({ id: 139000000000000 + v * 32, type: 'int', value: String(v), refcount: 3, size: 28, generation: null, garbage: false, refs: [] });
  const steps = [];
  const live = new Set();
  const out = [];
  let depth = 0;
  let head = null;
  let nextKey = 10000;
  let cycle = [];
  for (let k = 0; k < count; k++) {
    const s = { line: 1 + (k % 9), file: 'stress.py', event: 'line', out: '', frames_keep: 0, frames: [], objects: {}, removed: [], freed: [], gc: null, heap: null };
    const put = (key, o) => { s.objects[key] = o; live.add(String(key)); };
    if (k === 0) {
      put(NONE, { id: 139000000000000, type: 'NoneType', value: 'None', refcount: 500, size: 16, generation: null, garbage: false, refs: [] });
      put(LIST, { id: 139100000000000, type: 'list', value: null, refcount: 1, size: 400, generation: 0, garbage: false, refs: [] });
    }
    if (k < NODES) { // the list grows
      const key = 100 + k;
      put(key, node(k, false, head));
      head = key;
      if (k < 40) put(LIST, { ...(s.objects[LIST] || {}), id: 139100000000000, type: 'list', value: null, refcount: 1, size: 400, generation: 0, garbage: false,
        refs: Array.from({ length: k + 1 }, (_, i) => ({ label: '[' + i + ']', to: 100 + i })) });
      if (k === 5) put(WREF, { id: 139200000000000, type: 'ReferenceType', value: null, refcount: 1, size: 56, generation: 0, garbage: false, refs: [{ label: 'referent', to: 100, weak: true }] });
    } else {
      put(100 + (k % NODES), { ...node(k % NODES, false, k % NODES ? 100 + (k % NODES) - 1 : null), refcount: 2 + (k % 5) });
    }
    if (k % 500 === 250) { // three objects in a cycle become garbage...
      cycle = [nextKey, nextKey + 1, nextKey + 2];
      nextKey += 3;
      cycle.forEach((c, i) => put(c, node(c, true, cycle[(i + 1) % 3])));
    }
    if (k % 500 === 260 && cycle.length) { // ...and the collector frees them
      s.removed.push(...cycle);
      s.freed.push(...cycle, nextKey++);
      cycle.forEach((c) => live.delete(String(c)));
      s.gc = { generation: 2, examined: 500, unreachable: 3, weakrefs_cleared: 0, finalizers: 0, resurrected: 0, collected: 3, uncollectable: 0 };
      cycle = [];
    }
    // A recursion that goes 30 deep and back, one frame per step.
    const want = k % 60 < 30 ? k % 60 : 60 - (k % 60);
    const moduleFrame = { name: '<module>', line: 7, locals: [{ name: 'head', ref: head }, { name: 'items', ref: LIST }]
      .concat(k >= 5 ? [{ name: 'w', ref: WREF }] : []) };
    if (k < NODES || k === 0) {
      s.frames_keep = 0;
      s.frames = [moduleFrame];
      for (let d = 1; d <= want; d++) s.frames.push({ name: 'walk', line: 3, locals: [{ name: 'n', ref: 5000 + d }] });
    } else if (want > depth) {
      s.frames_keep = depth + 1;
      s.frames = [{ name: 'walk', line: 3, locals: [{ name: 'n', ref: 5000 + want }] }];
      s.event = 'call';
    } else {
      s.frames_keep = want + 1;
      s.event = want < depth ? 'return' : 'line';
    }
    for (let d = 1; d <= want; d++) if (!live.has(String(5000 + d))) put(5000 + d, int(d));
    for (let d = want + 1; d <= depth; d++) { s.removed.push(5000 + d); live.delete(String(5000 + d)); } // popped frames' n
    depth = want;
    if (k % 100 === 99) { s.out = 'step ' + k + '\n'; out.push(s.out); }
    if (k % 10 === 0) {
      s.heap = {
        arenas: Array.from({ length: 6 }, (_, a) => ({
          address: 140000000000000 + a * 1048576,
          pools: Array.from({ length: 40 + a * 4 }, (_, p) => {
            const used = (k / 10 + p * 7 + a) % 120;
            return used === 0 ? [1, null, 0, 0] : [used >= 100 ? 3 : 2, p % 32, Math.min(used, 100), 100];
          }),
        })),
        classes: Array.from({ length: 32 }, (_, c) => [c, 2 + (c % 5), 100 + k % 50, 50]),
        large_blocks: 3,
        bytes_in_use: 1000000 + k,
      };
    }
    steps.push(s);
  }
  return { steps: steps, liveAtEnd: live.size, output: out.join('') };
}

async function checkStress(context, dir) {
  section = 'stress';
  const STEPS = 4000;
  const { steps, liveAtEnd, output } = stressRecording(STEPS);
  const rec = { version: 1, file: 'stress.py', source: 'x = 1\n'.repeat(9), step_cap: STEPS, truncated: true, steps };
  const [errors] = validateRecording(rec);
  check(errors.length === 0, 'the synthetic recording does not follow docs/VIZ.md:\n  ' + errors.join('\n  '));
  const t0 = Date.now();
  const page = await openPage(context, buildPage(rec, path.join(dir, 'stress.html')));
  await page.waitForFunction(() => window.ouroViz);
  const loadMs = Date.now() - t0;

  // Jumps to random steps and consecutive steps, timed in the page (layout included).
  const times = await page.evaluate((n) => {
    const time = (k) => { const t = performance.now(); window.ouroViz.go(k); void document.body.offsetHeight; return performance.now() - t; };
    let seed = 12345;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const jumps = [];
    for (let i = 0; i < 60; i++) jumps.push(time(Math.floor(rnd() * n)));
    const walk = [];
    time(n - 300);
    for (let k = n - 299; k < n - 100; k++) walk.push(time(k));
    const back = [];
    for (let k = n - 101; k > n - 160; k--) back.push(time(k));
    const last = time(n - 1);
    return { jumps, walk, back, last };
  }, STEPS);
  const stat = (a) => ({ mean: a.reduce((x, y) => x + y, 0) / a.length, max: Math.max(...a) });
  const jumps = stat(times.jumps);
  const walkT = stat(times.walk);
  const back = stat(times.back);
  console.log('     load ' + loadMs + ' ms; random jump mean ' + jumps.mean.toFixed(1) + ' ms (max ' + jumps.max.toFixed(1)
    + '); next mean ' + walkT.mean.toFixed(1) + ' ms (max ' + walkT.max.toFixed(1) + '); previous mean ' + back.mean.toFixed(1)
    + ' ms (max ' + back.max.toFixed(1) + ')');
  check(loadMs < 5000, 'loading ' + STEPS + ' steps took ' + loadMs + ' ms');
  // Generous bounds (about 3x what a shared build machine measures): they catch a page that
  // re-renders everything or replays the whole recording, not a slow machine.
  check(jumps.mean < 100 && jumps.max < 500, 'random jumps are too slow: mean ' + jumps.mean.toFixed(1) + ' ms, max ' + jumps.max.toFixed(1));
  check(walkT.mean < 50 && back.mean < 80, 'stepping is too slow: next ' + walkT.mean.toFixed(1) + ' ms, previous ' + back.mean.toFixed(1) + ' ms');

  await settle(page);
  const s = await snapshot(page);
  checkConsistent(s);
  check(s.step === STEPS - 1, 'the last jump should show the last step');
  check(Object.keys(s.objects).length === liveAtEnd, 'the last step should draw ' + liveAtEnd + ' objects, draws ' + Object.keys(s.objects).length);
  check(s.output === output, 'the output of the last step should be everything printed');
  const size = await page.evaluate(() => ({ w: document.getElementById('canvas').offsetWidth, h: document.getElementById('canvas').offsetHeight }));
  check(size.w < 2600, 'the layout of ' + liveAtEnd + ' objects should stay a few columns wide, is ' + size.w + ' px');
  check(size.h < liveAtEnd * 160, 'the layout should grow at most linearly in height, is ' + size.h + ' px');
  check(s.arrows.some((a) => a.cls.includes('weak')), 'the weak reference should be drawn as such');
  const stack = s.frames.length;
  check(stack === 1 + (((STEPS - 1) % 60) < 30 ? (STEPS - 1) % 60 : 60 - ((STEPS - 1) % 60)), 'the call stack rebuilt from frames_keep has ' + stack + ' frames');
  const marks = await page.$$eval('#timeline .mark-gc', (ms) => ms.length);
  check(marks === steps.filter((st) => st.gc).length, 'every collection should be marked on the timeline');
  pass(STEPS + ' steps, ' + liveAtEnd + ' live objects, ' + stack + ' frames: responsive, canvas ' + size.w + ' x ' + size.h + ' px');
  checkNoProblems(page);
  await page.close();
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

/** The recording of a page as a fixture: one step per line, the steps' files relative like the top-level one. */
function extract(file) {
  const rec = embeddedRecording(file);
  for (const s of rec.steps) {
    if (s.file && rec.file && s.file !== rec.file && s.file.endsWith('/' + rec.file)) s.file = rec.file;
  }
  const head = Object.entries(rec).filter(([k]) => k !== 'steps').map(([k, v]) => '  ' + JSON.stringify(k) + ': ' + JSON.stringify(v) + ',');
  const steps = rec.steps.map((s, i) => '    ' + JSON.stringify(s) + (i < rec.steps.length - 1 ? ',' : ''));
  process.stdout.write(['{', ...head, '  "steps": [', ...steps, '  ]', '}', ''].join('\n'));
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--extract' && args[1]) {
    extract(args[1]);
    return 0;
  }
  const sample = args[0] === '--sample';
  if (!sample && !args[0]) {
    console.error('usage: node viz_seed.test.mjs PAGE.html [SCREENSHOT.png]\n       node viz_seed.test.mjs --sample [SCREENSHOT.png]');
    return 2;
  }
  const screenshot = path.resolve(args[1] || path.join(ROOT, 'target', 'viz-seed.png'));
  if (!fs.existsSync(CHROMIUM)) {
    console.error(CHROMIUM + ' is missing: run tests/browser/setup.sh');
    return 1;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ouro-viz-test-'));
  const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 1000 },
  });
  try {
    let pageFile;
    if (sample) {
      const rec = JSON.parse(fs.readFileSync(path.join(HERE, 'sample_seed.json'), 'utf8'));
      pageFile = buildPage(rec, path.join(tmp, 'seed.html'));
    } else {
      pageFile = path.resolve(args[0]);
      check(fs.existsSync(pageFile), pageFile + ' does not exist (make it with: target/release/ouro --viz ' + args[0] + ' examples/seed.py)');
      const html = fs.readFileSync(pageFile, 'utf8');
      check(!html.includes(PLACEHOLDER), pageFile + ' still has the placeholder: the recorder did not put its data in');
      check(!/<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?\/\//i.test(html), pageFile + ' refers to an external resource');
    }
    section = 'recording';
    const [errors, notes] = validateRecording(embeddedRecording(pageFile));
    for (const n of notes) console.log('note ' + n);
    check(errors.length === 0, 'the embedded recording does not follow docs/VIZ.md:\n  ' + errors.join('\n  '));
    pass('the embedded recording follows docs/VIZ.md');
    section = 'seed';
    const page = await openPage(context, pageFile);
    check(!(await page.isVisible('#nodata')), 'the page shows no recording: ' + ((await page.textContent('#nodata')) || '').trim());
    await checkSeed(page, screenshot);
    await page.close();
    if (sample) {
      await checkTemplate(context);
      await checkCycle(context, tmp);
      await checkStress(context, tmp);
    }
  } catch (e) {
    if (e instanceof CheckFailed) failures.push(e.message);
    else if (KEEP_GOING && failures.length) console.error('(stopped: the later checks depend on the failures above)');
    else throw e;
  } finally {
    await context.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error('\nFAILED: ' + failures[0] + (failures.length > 1 ? '\n(and ' + (failures.length - 1) + ' more)' : ''));
    return 1;
  }
  console.log('\nall checks passed');
  return 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error('FAILED: the test itself broke: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
