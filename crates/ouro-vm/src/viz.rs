//! `ouro --viz FILE`: records the run step by step and writes the
//! self-contained page of `docs/VIZ.md` (the page itself is the template
//! `viz/page.html`; this module makes its data).
//!
//! A step is taken at every instruction boundary where a new line starts:
//! the line or the frame changed, or a jump went backwards (a loop's next
//! iteration), as CPython's line events fire. Each step is a heap
//! [`Snapshot`](crate::snapshot::Snapshot), stored as a diff against the
//! previous step. Objects are named by keys that, unlike addresses, are
//! never reused: the heap's allocation and free events (the same ones
//! `--trace` writes) tell when an address starts naming a new object.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

use ouro_bytecode::CodeObject;
use ouro_heap::addrmap::AddrMap;
use ouro_heap::trace::HeapEvent;

use crate::gcmodule::Collected;
use crate::snapshot::Snapshot;
use crate::trace::json_str;
use crate::vm::Vm;

/// A frame to show: name, line, named references.
type FrameRow<'a> = (&'a str, Option<u32>, &'a [(String, usize)]);

/// The page template; the recorder replaces `"__OURO_DATA__"` by the data.
const TEMPLATE: &str = include_str!("../viz/page.html");
const PLACEHOLDER: &str = "\"__OURO_DATA__\"";

/// Default cap on recorded steps (`--viz-steps`).
pub const DEFAULT_STEP_CAP: usize = 10_000;

/// Default cap on the objects recorded at one step (`--viz-objects`): the
/// nearest to the frames, breadth first. The page draws at most 2000; a
/// step of thousands of objects cannot be read anyway, and recording every
/// one at every step would make a large heap's run quadratic.
pub const DEFAULT_OBJECT_CAP: usize = 1_000;

pub struct Recorder {
    path: String,
    file: String,
    source: String,
    cap: usize,
    truncated: bool,
    /// Objects recorded at most per step.
    object_cap: usize,
    /// The steps' JSON, in order.
    steps: Vec<String>,
    /// Address -> key of every object alive and known.
    keys: AddrMap<u64>,
    next_key: u64,
    /// The objects shown at the previous step: key -> their JSON.
    shown: HashMap<u64, String>,
    last_heap: String,
    /// The frames' JSON at the previous step.
    last_frames: Vec<String>,
    /// Since the previous step.
    out: String,
    freed: Vec<u64>,
    gc: Option<(usize, Collected, ouro_heap::gc::PhaseCounts)>,
    /// Where the previous instruction boundary was.
    last_code: Option<Rc<CodeObject>>,
    last_depth: usize,
    last_line: Option<u32>,
    /// An exception is unwinding since the previous step.
    unwinding: bool,
}

impl Recorder {
    pub fn new(path: &str, file: &str, source: &str, cap: usize, object_cap: usize) -> Recorder {
        Recorder {
            path: path.to_string(),
            file: file.to_string(),
            source: source.to_string(),
            cap,
            truncated: false,
            object_cap,
            steps: Vec::new(),
            keys: AddrMap::default(),
            next_key: 1,
            shown: HashMap::new(),
            last_heap: String::new(),
            last_frames: Vec::new(),
            out: String::new(),
            freed: Vec::new(),
            gc: None,
            last_code: None,
            last_depth: 0,
            last_line: None,
            unwinding: false,
        }
    }

    fn key(&mut self, addr: usize) -> u64 {
        if let Some(&k) = self.keys.get(&addr) {
            return k;
        }
        let k = self.next_key;
        self.next_key += 1;
        self.keys.insert(addr, k);
        k
    }

    /// Takes the heap's allocation and free events into the key map.
    pub(crate) fn heap_events(&mut self, events: &[HeapEvent]) {
        for ev in events {
            match ev {
                HeapEvent::Alloc { id, .. } => {
                    // A new object: a new key, even at a reused address.
                    let k = self.next_key;
                    self.next_key += 1;
                    self.keys.insert(*id, k);
                }
                HeapEvent::Free { id, .. } => {
                    if let Some(k) = self.keys.remove(id) {
                        self.freed.push(k);
                    }
                }
                HeapEvent::Refcount { .. }
                | HeapEvent::Buffer { .. }
                | HeapEvent::BufferFree { .. } => {}
            }
        }
    }

    pub(crate) fn output(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// Adds a step made of `snap`.
    fn push_step(&mut self, snap: &Snapshot, event: &str, heap: String) {
        if self.steps.len() >= self.cap {
            self.truncated = true;
            return;
        }
        let mut s = String::with_capacity(512);
        s.push_str("{\"line\":");
        match snap.line {
            Some(l) if event != "exit" => {
                let _ = write!(s, "{l}");
            }
            _ => s.push_str("null"),
        }
        s.push_str(",\"file\":");
        match &snap.file {
            Some(f) => json_str(&mut s, f),
            None => s.push_str("null"),
        }
        s.push_str(",\"event\":");
        json_str(&mut s, event);
        s.push_str(",\"out\":");
        json_str(&mut s, &std::mem::take(&mut self.out));
        // Keys of the snapshot's nodes.
        let keys: Vec<u64> = snap.nodes.iter().map(|n| self.key(n.id)).collect();
        let mut frames: Vec<FrameRow> = snap
            .frames
            .iter()
            .map(|f| (f.name.as_str(), Some(f.line), f.locals.as_slice()))
            .collect();
        if frames.is_empty() && !snap.globals.is_empty() {
            // After the program: its globals, as the module frame had them.
            frames.push(("<module>", None, snap.globals.as_slice()));
        }
        let mut frame_json: Vec<String> = Vec::with_capacity(frames.len());
        for (name, line, locals) in &frames {
            let mut f = String::from("{\"name\":");
            json_str(&mut f, name);
            match line {
                Some(l) => {
                    let _ = write!(f, ",\"line\":{l},\"locals\":[");
                }
                None => f.push_str(",\"line\":null,\"locals\":["),
            }
            for (j, (n, node)) in locals.iter().enumerate() {
                if j > 0 {
                    f.push(',');
                }
                f.push_str("{\"name\":");
                json_str(&mut f, n);
                let _ = write!(f, ",\"ref\":{}}}", keys[*node]);
            }
            f.push_str("]}");
            frame_json.push(f);
        }
        // Frames are sent as a diff too: the outer frames that did not
        // change are kept from the previous step.
        let keep = frame_json
            .iter()
            .zip(&self.last_frames)
            .take_while(|(a, b)| a == b)
            .count();
        let _ = write!(s, ",\"frames_keep\":{keep},\"frames\":[");
        for (i, f) in frame_json[keep..].iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(f);
        }
        self.last_frames = frame_json;
        s.push_str("],\"objects\":{");
        let mut now: HashMap<u64, String> = HashMap::with_capacity(snap.nodes.len());
        let mut first = true;
        for (i, n) in snap.nodes.iter().enumerate() {
            let mut o = String::with_capacity(128);
            let _ = write!(o, "{{\"id\":{},\"type\":", n.id);
            json_str(&mut o, &n.type_name);
            o.push_str(",\"value\":");
            match &n.value {
                Some(v) => json_str(&mut o, v),
                None => o.push_str("null"),
            }
            let _ = write!(o, ",\"refcount\":{},\"size\":{}", n.refcount, n.size);
            match n.generation {
                Some(3) => o.push_str(",\"generation\":\"permanent\""),
                Some(g) => {
                    let _ = write!(o, ",\"generation\":{g}");
                }
                None => o.push_str(",\"generation\":null"),
            }
            let _ = write!(o, ",\"garbage\":{},\"refs\":[", n.garbage);
            for (j, e) in n.edges.iter().enumerate() {
                if j > 0 {
                    o.push(',');
                }
                o.push_str("{\"label\":");
                json_str(&mut o, &e.label);
                let _ = write!(o, ",\"to\":{}", keys[e.to]);
                if e.weak {
                    o.push_str(",\"weak\":true");
                }
                o.push('}');
            }
            o.push_str("]}");
            let k = keys[i];
            if self.shown.get(&k) != Some(&o) {
                if !first {
                    s.push(',');
                }
                first = false;
                let _ = write!(s, "\"{k}\":{o}");
            }
            now.insert(k, o);
        }
        let _ = write!(
            s,
            "}},\"objects_truncated\":{},\"removed\":[",
            snap.truncated
        );
        let mut removed: Vec<u64> = self
            .shown
            .keys()
            .filter(|k| !now.contains_key(k))
            .copied()
            .collect();
        removed.sort_unstable();
        push_list(&mut s, &removed);
        s.push_str("],\"freed\":[");
        let mut freed = std::mem::take(&mut self.freed);
        freed.sort_unstable();
        freed.dedup();
        push_list(&mut s, &freed);
        s.push_str("],\"gc\":");
        match self.gc.take() {
            Some((generation, r, c)) => {
                let _ = write!(
                    s,
                    "{{\"generation\":{generation},\"examined\":{},\"unreachable\":{},\"weakrefs_cleared\":{},\"finalizers\":{},\"resurrected\":{},\"collected\":{},\"uncollectable\":{}}}",
                    c.examined,
                    c.unreachable,
                    c.weakrefs_cleared,
                    c.finalizers,
                    c.resurrected,
                    r.collected,
                    r.uncollectable
                );
            }
            None => s.push_str("null"),
        }
        s.push_str(",\"heap\":");
        if heap != self.last_heap {
            s.push_str(&heap);
            self.last_heap = heap;
        } else {
            s.push_str("null");
        }
        s.push('}');
        self.shown = now;
        self.steps.push(s);
    }

    /// Writes the page.
    fn write_page(&self) -> std::io::Result<()> {
        let mut data =
            String::with_capacity(self.steps.iter().map(|s| s.len() + 2).sum::<usize>() + 4096);
        data.push_str("{\"version\":1,\"file\":");
        json_str(&mut data, &self.file);
        data.push_str(",\"source\":");
        json_str(&mut data, &self.source);
        let _ = writeln!(
            data,
            ",\"step_cap\":{},\"truncated\":{},\"object_cap\":{},\"steps\":[",
            self.cap, self.truncated, self.object_cap
        );
        for (i, st) in self.steps.iter().enumerate() {
            if i > 0 {
                data.push_str(",\n");
            }
            data.push_str(st);
        }
        data.push_str("\n]}");
        // The data sits in a <script> element: no "<" may end it early.
        let data = data.replace('<', "\\u003c");
        let page = TEMPLATE.replacen(PLACEHOLDER, &data, 1);
        std::fs::write(&self.path, page)
    }
}

fn push_list(s: &mut String, v: &[u64]) {
    for (i, k) in v.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{k}");
    }
}

/// The allocator panel's data (see docs/VIZ.md, "Heap").
fn heap_json() -> String {
    let mut s = String::with_capacity(2048);
    ouro_heap::heap::with_allocator(|a| {
        let stats = a.stats();
        s.push_str("{\"arenas\":[");
        for (i, ar) in a.arena_snapshot().iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let _ = write!(s, "{{\"address\":{},\"pools\":[", ar.address);
            // Trailing untouched pools are left out.
            let n = ar
                .pools
                .iter()
                .rposition(|p| p.state != ouro_alloc::PoolState::Untouched)
                .map_or(0, |i| i + 1);
            for (j, p) in ar.pools[..n].iter().enumerate() {
                if j > 0 {
                    s.push(',');
                }
                // [state, size class, used blocks, total blocks]: compact,
                // as the panel changes at most steps.
                let state = match p.state {
                    ouro_alloc::PoolState::Untouched => 0,
                    ouro_alloc::PoolState::Empty => 1,
                    ouro_alloc::PoolState::Used => 2,
                    ouro_alloc::PoolState::Full => 3,
                };
                let _ = write!(
                    s,
                    "[{state},{},{},{}]",
                    p.size_class.map_or("null".to_string(), |c| c.to_string()),
                    p.blocks_in_use,
                    p.total_blocks
                );
            }
            s.push_str("]}");
        }
        s.push_str("],\"classes\":[");
        // [size class, pools, used blocks, available blocks], for the
        // classes that have pools.
        let mut first = true;
        for (i, c) in stats.size_classes.iter().enumerate() {
            if c.pools == 0 {
                continue;
            }
            if !first {
                s.push(',');
            }
            first = false;
            let _ = write!(
                s,
                "[{i},{},{},{}]",
                c.pools, c.blocks_in_use, c.avail_blocks
            );
        }
        let _ = write!(
            s,
            "],\"large_blocks\":{},\"bytes_in_use\":{}}}",
            stats.large_blocks, stats.bytes_in_use
        );
    });
    s
}

impl Vm {
    /// Starts recording for `--viz`.
    pub fn start_viz(
        &mut self,
        path: &str,
        file: &str,
        source: &str,
        cap: usize,
        object_cap: usize,
    ) {
        self.viz = Some(Box::new(Recorder::new(path, file, source, cap, object_cap)));
        // The heap's allocation events keep the object keys right; they also
        // make the loop stop at every instruction boundary.
        ouro_heap::trace::enable(ouro_heap::trace::Consumer::Viz, false);
    }

    /// At an instruction boundary while recording: a step where a line
    /// starts — the frame changed, or the instruction is on another line
    /// than the previous one (a loop's jump back to its first line counts;
    /// a jump within one line does not).
    pub(crate) fn viz_boundary(&mut self, fi: usize, ip: usize) {
        let depth = self.frames.len();
        let code = self.frames[fi].code().clone();
        let line = code.line_of(ip);
        let Some(rec) = self.viz.as_mut() else { return };
        let same_code = rec.last_code.as_ref().is_some_and(|c| Rc::ptr_eq(c, &code));
        let frame_changed = !same_code || depth != rec.last_depth;
        let new_line = frame_changed || line != rec.last_line;
        let event = if rec.unwinding {
            "exception"
        } else if depth > rec.last_depth {
            "call"
        } else {
            "line"
        };
        let event = if rec.steps.is_empty() { "line" } else { event };
        rec.last_code = Some(code);
        rec.last_depth = depth;
        rec.last_line = line;
        if !new_line {
            return;
        }
        rec.unwinding = false;
        // The running frame's `lasti` is what a snapshot reports as its line:
        // make it the instruction about to run, for the snapshot only (what
        // runs at this boundary — a finalizer, a warning — sees the real one).
        let lasti = std::mem::replace(&mut self.frames[fi].lasti, ip);
        self.viz_step(event);
        if let Some(f) = self.frames.get_mut(fi) {
            f.lasti = lasti;
        }
    }

    /// The state a step records: the heap graph (capped) and the allocator.
    fn viz_state(&mut self) -> (Snapshot, String) {
        self.drain_heap_events();
        let cap = self
            .viz
            .as_ref()
            .map_or(DEFAULT_OBJECT_CAP, |r| r.object_cap);
        (self.snapshot_capped(None, cap), heap_json())
    }

    /// A step with the current state.
    fn viz_step(&mut self, event: &str) {
        if self.viz.as_ref().is_some_and(|r| r.steps.len() >= r.cap) {
            if let Some(rec) = self.viz.as_mut() {
                rec.truncated = true;
            }
            return;
        }
        let (snap, heap) = self.viz_state();
        if let Some(rec) = self.viz.as_mut() {
            rec.push_step(&snap, event, heap);
        }
    }

    /// A `return` step, taken by `RETURN_VALUE` before the frame goes (as
    /// Python Tutor shows a function's last state). The caller's line then
    /// continues without a step of its own.
    pub(crate) fn viz_return(&mut self, fi: usize, at: usize) {
        self.frames[fi].lasti = at;
        self.viz_step("return");
        let caller = fi.checked_sub(1).map(|c| {
            let f = &self.frames[c];
            (f.code().clone(), f.code().line_of(f.lasti))
        });
        if let Some(rec) = self.viz.as_mut() {
            match caller {
                Some((code, line)) => {
                    rec.last_code = Some(code);
                    rec.last_depth = fi;
                    rec.last_line = line;
                }
                None => rec.last_code = None,
            }
        }
    }

    /// Notes output for the current step.
    pub(crate) fn viz_output(&mut self, s: &str) {
        if let Some(rec) = self.viz.as_mut() {
            rec.output(s);
        }
    }

    /// Notes a collection for the next step.
    pub(crate) fn viz_gc(
        &mut self,
        generation: usize,
        r: Collected,
        counts: ouro_heap::gc::PhaseCounts,
    ) {
        if let Some(rec) = self.viz.as_mut() {
            rec.gc = Some((generation, r, counts));
        }
    }

    /// Notes that an exception is unwinding.
    pub(crate) fn viz_exception(&mut self) {
        if let Some(rec) = self.viz.as_mut() {
            rec.unwinding = true;
        }
    }

    /// Ends the recording: a last step after the program, then the page.
    pub fn finish_viz(&mut self) -> std::io::Result<()> {
        if self.viz.is_none() {
            return Ok(());
        }
        let (snap, heap) = self.viz_state();
        let Some(mut rec) = self.viz.take() else {
            return Ok(());
        };
        ouro_heap::trace::disable(ouro_heap::trace::Consumer::Viz);
        rec.push_step(&snap, "exit", heap);
        rec.write_page()
    }
}
