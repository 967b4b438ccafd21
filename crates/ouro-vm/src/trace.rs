//! `ouro --trace FILE`: the memory event trace, one JSON object per line,
//! streamed to the file as the program runs. The schema is in
//! `docs/TRACE.md`.
//!
//! Every event names the instruction that caused it. The heap records its
//! events (allocations, frees, reference-count changes) in a buffer
//! (`ouro_heap::trace`); while tracing, the loop stops at every instruction
//! boundary ([`Vm::trace_boundary`]), writes what the buffer holds with the
//! location of the instruction that just ran, and notes the location of the
//! one about to run. Frame, collector, finalizer and callback events are
//! written where they happen, after the buffered events that precede them.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::rc::Rc;

use ouro_bytecode::CodeObject;
use ouro_heap::trace::HeapEvent;

use crate::vm::Vm;

/// A JSON value of an event field.
pub(crate) enum Val<'a> {
    Int(i64),
    Str(&'a str),
    Null,
}

/// The trace writer and the location of the running instruction.
pub struct Tracer {
    out: BufWriter<File>,
    /// The code and instruction index running now (None before the first
    /// instruction and between runs).
    code: Option<Rc<CodeObject>>,
    offset: usize,
    /// The first write error; tracing stops quietly after it and the error
    /// is reported at exit.
    pub(crate) error: Option<io::Error>,
    line_buf: String,
}

impl Tracer {
    /// Creates the trace file.
    pub fn create(path: &str) -> io::Result<Tracer> {
        Ok(Tracer {
            out: BufWriter::with_capacity(1 << 16, File::create(path)?),
            code: None,
            offset: 0,
            error: None,
            line_buf: String::with_capacity(256),
        })
    }

    /// Events from now on are not caused by any instruction (interpreter
    /// start-up and shutdown): their location is null.
    pub(crate) fn clear_location(&mut self) {
        self.code = None;
        self.offset = 0;
    }

    pub(crate) fn set_location(&mut self, code: &Rc<CodeObject>, offset: usize) {
        match &self.code {
            Some(c) if Rc::ptr_eq(c, code) => {}
            _ => self.code = Some(code.clone()),
        }
        self.offset = offset;
    }

    /// Writes one event: `{"ev": kind, fields..., "file", "line", "offset"}`.
    pub(crate) fn event(&mut self, kind: &str, fields: &[(&str, Val)]) {
        if self.error.is_some() {
            return;
        }
        let mut s = std::mem::take(&mut self.line_buf);
        s.clear();
        s.push_str("{\"ev\":");
        json_str(&mut s, kind);
        for (k, v) in fields {
            s.push(',');
            json_str(&mut s, k);
            s.push(':');
            match v {
                Val::Int(i) => s.push_str(&i.to_string()),
                Val::Str(t) => json_str(&mut s, t),
                Val::Null => s.push_str("null"),
            }
        }
        match &self.code {
            Some(code) => {
                s.push_str(",\"file\":");
                json_str(&mut s, &code.filename);
                let line = code.line_of(self.offset).unwrap_or(0);
                s.push_str(&format!(",\"line\":{line},\"offset\":{}", self.offset));
            }
            None => s.push_str(",\"file\":null,\"line\":null,\"offset\":null"),
        }
        s.push_str("}\n");
        if let Err(e) = self.out.write_all(s.as_bytes()) {
            self.error = Some(e);
        }
        self.line_buf = s;
    }

    /// Writes the heap's buffered events.
    pub(crate) fn heap_events(&mut self, events: Vec<HeapEvent>) {
        for ev in events {
            match ev {
                HeapEvent::Alloc {
                    id,
                    type_name,
                    size,
                    location,
                    ..
                } => {
                    let (class, arena, pool) = match location {
                        Some((arena, pool)) => (
                            Val::Int(((size.max(1) - 1) >> 4) as i64),
                            Val::Int(arena as i64),
                            Val::Int(pool as i64),
                        ),
                        None => (Val::Null, Val::Null, Val::Null),
                    };
                    self.event(
                        "alloc",
                        &[
                            ("id", Val::Int(id as i64)),
                            ("type", Val::Str(&type_name)),
                            ("size", Val::Int(size as i64)),
                            ("size_class", class),
                            ("arena", arena),
                            ("pool", pool),
                        ],
                    );
                }
                HeapEvent::Free {
                    id,
                    type_name,
                    size,
                } => self.event(
                    "free",
                    &[
                        ("id", Val::Int(id as i64)),
                        ("type", Val::Str(&type_name)),
                        ("size", Val::Int(size as i64)),
                    ],
                ),
                HeapEvent::Buffer { .. } | HeapEvent::BufferFree { .. } => {}
                HeapEvent::Refcount { id, count, delta } => self.event(
                    "refcount",
                    &[
                        ("id", Val::Int(id as i64)),
                        ("count", Val::Int(count as i64)),
                        ("delta", Val::Int(delta)),
                    ],
                ),
            }
        }
    }

    /// Flushes the file; returns the first error met while tracing.
    pub fn finish(&mut self) -> io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.out.flush()
    }
}

/// Appends `t` as a JSON string.
pub(crate) fn json_str(s: &mut String, t: &str) {
    s.push('"');
    for c in t.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            c if (c as u32) < 0x20 => s.push_str(&format!("\\u{:04x}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
}

impl Vm {
    /// Starts the trace (after the interpreter's own setup, so the trace
    /// shows the program's objects).
    pub fn start_trace(&mut self, path: &str, refcounts: bool) -> io::Result<()> {
        let mut t = Tracer::create(path)?;
        let argv = self.config.argv.join(" ");
        t.event(
            "start",
            &[
                ("version", Val::Int(1)),
                ("argv", Val::Str(&argv)),
                ("refcounts", Val::Int(refcounts as i64)),
            ],
        );
        self.tracer = Some(Box::new(t));
        ouro_heap::trace::enable(ouro_heap::trace::Consumer::Trace, refcounts);
        Ok(())
    }

    /// Ends the trace: writes what is left and an `exit` event. Returns the
    /// first write error.
    pub fn finish_trace(&mut self) -> io::Result<()> {
        self.drain_heap_events();
        ouro_heap::trace::disable(ouro_heap::trace::Consumer::Trace);
        match self.tracer.take() {
            Some(mut t) => {
                t.event("exit", &[]);
                t.finish()
            }
            None => Ok(()),
        }
    }

    /// Hands the heap's buffered events to everyone observing: the trace
    /// writes them (at the current location), the visualiser keeps its
    /// object keys right, tracemalloc records traces.
    pub(crate) fn drain_heap_events(&mut self) {
        let events = ouro_heap::trace::take_events();
        if events.is_empty() {
            return;
        }
        if let Some(rec) = self.viz.as_mut() {
            rec.heap_events(&events);
        }
        if self.tracemalloc.is_some() {
            self.tracemalloc_events(&events);
        }
        if let Some(t) = self.tracer.as_mut() {
            t.heap_events(events);
        }
    }

    /// At an instruction boundary while observing: the buffered heap events
    /// belong to the instruction that just ran; then the location moves to
    /// the next one.
    pub(crate) fn trace_boundary(&mut self, fi: usize, ip: usize) {
        self.drain_heap_events();
        if self.viz.is_some() {
            self.viz_boundary(fi, ip);
        }
        if self.tracemalloc.is_some() {
            self.tracemalloc_location(fi, ip);
        }
        if self.tracer.is_some() {
            let code = self.frames[fi].code().clone();
            if let Some(t) = self.tracer.as_mut() {
                t.set_location(&code, ip);
            }
        }
    }

    /// The program has finished running: what follows (shutdown) is not
    /// caused by an instruction.
    pub(crate) fn trace_outside_code(&mut self) {
        self.drain_heap_events();
        if let Some(t) = self.tracer.as_mut() {
            t.clear_location();
        }
    }

    /// Writes a VM event after the heap events buffered before it.
    pub(crate) fn trace_event(&mut self, kind: &str, fields: &[(&str, Val)]) {
        if self.tracer.is_some() {
            self.drain_heap_events();
            if let Some(t) = self.tracer.as_mut() {
                t.event(kind, fields);
            }
        }
    }
}
