//! Heap snapshots: the frames on the stack with their locals, the module's
//! globals, and the objects they reach, with ids, reference counts, sizes,
//! generations and labelled references — and the cyclic garbage still
//! waiting for the collector. Written as Graphviz DOT or JSON
//! (`--heap-dot`, `--heap-json`, `ouro.snapshot()`), printed as text
//! (`ouro.show()`), and recorded at every step by the visualiser.
//!
//! Taking a snapshot never runs Python code (only atoms of builtin types are
//! rendered as values) and changes nothing the program can see: the
//! snapshot's own references are subtracted from the counts it reports, and
//! garbage is found by a read-only deduction (`gc::unreachable_now`).

use std::fmt::Write as _;

use ouro_heap::addrmap::AddrMap;
use ouro_heap::{
    gc, weakref, Attrs, CellObj, DictObj, ExceptionObj, FunctionObj, Kind, ListObj, MethodObj,
    ModuleObj, ObjRef, StrObj, TracebackObj, TupleObj, TypeObj,
};

use crate::trace::json_str;
use crate::types::T;
use crate::vm::Vm;

/// A reference from one object (or root) to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    pub label: String,
    /// Index into [`Snapshot::nodes`].
    pub to: usize,
    /// A weak reference (not counted).
    pub weak: bool,
}

/// One object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub id: usize,
    pub type_name: String,
    /// The value, for atoms (`10`, `'Apple'`, `None`) and named objects
    /// (functions, classes, modules).
    pub value: Option<String>,
    /// The program's references (the snapshot's own are not counted).
    pub refcount: u32,
    pub size: usize,
    /// 0, 1, 2, or 3 for the permanent generation; None if untracked.
    pub generation: Option<u8>,
    /// Unreachable cyclic garbage, still counted: the collector will free it.
    pub garbage: bool,
    pub edges: Vec<Edge>,
}

/// A frame on the call stack and what its local names refer to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameSnap {
    pub name: String,
    pub line: u32,
    /// (name, node index)
    pub locals: Vec<(String, usize)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub label: Option<String>,
    /// Source file and line of the running instruction.
    pub file: Option<String>,
    pub line: Option<u32>,
    /// Outermost first.
    pub frames: Vec<FrameSnap>,
    /// The `__main__` module's names (dunder names left out).
    pub globals: Vec<(String, usize)>,
    pub nodes: Vec<Node>,
    /// More objects were reachable than [`MAX_NODES`].
    pub truncated: bool,
    /// The outermost frame is `__main__`'s module code, whose names are the
    /// globals (the graph then draws them once, in that frame).
    pub globals_in_frame: bool,
}

/// A frame's name, line, and named references, before the graph is built.
type FrameRoot = (String, u32, Vec<(String, ObjRef)>);

/// Beyond this many objects a snapshot stops following references.
pub const MAX_NODES: usize = 5000;

/// Builds a snapshot; holds one reference per node while it works.
struct Builder<'v> {
    vm: &'v mut Vm,
    index: AddrMap<usize>,
    objs: Vec<ObjRef>,
    cap: usize,
    nodes: Vec<Node>,
    queue: Vec<usize>,
    truncated: bool,
}

impl Builder<'_> {
    fn node(&mut self, o: &ObjRef) -> Option<usize> {
        if let Some(&i) = self.index.get(&o.addr()) {
            return Some(i);
        }
        if self.nodes.len() >= self.cap {
            self.truncated = true;
            return None;
        }
        let i = self.nodes.len();
        self.index.insert(o.addr(), i);
        self.objs.push(o.clone());
        self.nodes.push(Node {
            id: o.addr(),
            type_name: self.vm.type_name_of(o),
            value: None,
            refcount: 0,
            size: 0,
            generation: None,
            garbage: false,
            edges: Vec::new(),
        });
        self.queue.push(i);
        Some(i)
    }

    fn edge(&mut self, from: usize, label: impl Into<String>, to: &ObjRef, weak: bool) {
        if let Some(t) = self.node(to) {
            self.nodes[from].edges.push(Edge {
                label: label.into(),
                to: t,
                weak,
            });
        }
    }

    /// Follows the references of node `i`, labelled.
    fn expand(&mut self, i: usize) {
        let o = self.objs[i].clone();
        let vm = &mut *self.vm;
        let heap_type = Vm::is_heap_class_of(&o);
        // Leaves: rendered by value, not followed.
        let value = match o.kind() {
            Kind::Int
            | Kind::BigInt
            | Kind::Float
            | Kind::Str
            | Kind::Bytes
            | Kind::ByteArray
            | Kind::Null => vm.repr_builtin(&o).ok().map(|s| shorten(&s)),
            Kind::Object if !heap_type => vm.repr_builtin(&o).ok().map(|s| shorten(&s)),
            Kind::Function => o
                .borrow::<FunctionObj>()
                .map(|f| vm.str_of(&f.qualname).to_string()),
            Kind::Type => Some(vm.type_qualname(&o)),
            Kind::Module => o.get::<ModuleObj>().map(|m| vm.str_of(&m.name).to_string()),
            Kind::BuiltinFunction => o
                .get::<ouro_heap::BuiltinFunctionObj>()
                .map(|b| b.name.to_string()),
            _ => None,
        };
        if o.class_is(vm.ty(T::Bool)) || o.is(&vm.none) {
            self.nodes[i].value = vm.repr_builtin(&o).ok();
        } else {
            self.nodes[i].value = value;
        }
        let mut edges: Vec<(String, ObjRef, bool)> = Vec::new();
        // Instance attributes first (subtype_traverse's order).
        if let Some(a) = o.attrs() {
            match &*a {
                Attrs::Inline(pairs) => {
                    for (k, v) in pairs.iter() {
                        edges.push((format!(".{}", vm.str_of(k)), v.clone(), false));
                    }
                }
                Attrs::Dict(d) => edges.push(("__dict__".into(), d.clone(), false)),
            }
        }
        match o.kind() {
            Kind::List => {
                if let Some(l) = o.borrow::<ListObj>() {
                    for (n, v) in l.items.iter().enumerate() {
                        edges.push((format!("[{n}]"), v.clone(), false));
                    }
                }
            }
            Kind::Tuple => {
                if let Some(t) = o.get::<TupleObj>() {
                    for (n, v) in t.items().iter().enumerate() {
                        edges.push((format!("[{n}]"), v.clone(), false));
                    }
                }
            }
            Kind::Dict => {
                let entries: Vec<(ObjRef, ObjRef)> = o
                    .borrow::<DictObj>()
                    .map(|d| {
                        d.table
                            .iter()
                            .map(|e| (e.key.clone(), e.value.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                for (k, v) in entries {
                    if is_atom(vm, &k) {
                        let key = vm.repr_builtin(&k).unwrap_or_default();
                        edges.push((format!("[{}]", shorten(&key)), v, false));
                    } else {
                        edges.push(("key".into(), k.clone(), false));
                        edges.push(("value".into(), v, false));
                    }
                }
            }
            Kind::Function => {
                if let Some(f) = o.borrow::<FunctionObj>() {
                    for (name, v) in [
                        ("__defaults__", &f.defaults),
                        ("__kwdefaults__", &f.kwdefaults),
                        ("__closure__", &f.closure),
                        ("__dict__", &f.dict),
                    ] {
                        if let Some(v) = v {
                            edges.push((name.into(), v.clone(), false));
                        }
                    }
                }
            }
            Kind::Method => {
                if let Some(m) = o.get::<MethodObj>() {
                    edges.push(("__func__".into(), m.func.clone(), false));
                    edges.push(("__self__".into(), m.self_.clone(), false));
                }
            }
            Kind::Cell => {
                if let Some(v) = o.borrow::<CellObj>().and_then(|c| c.value.clone()) {
                    edges.push(("cell_contents".into(), v, false));
                }
            }
            Kind::Type if heap_type => {
                let dict = o.borrow::<TypeObj>().map(|t| t.dict.clone());
                let entries: Vec<(ObjRef, ObjRef)> = dict
                    .as_ref()
                    .and_then(|d| d.borrow::<DictObj>())
                    .map(|d| {
                        d.table
                            .iter()
                            .map(|e| (e.key.clone(), e.value.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                for (k, v) in entries {
                    let name = vm.str_of(&k).to_string();
                    if !(name.starts_with("__") && name.ends_with("__")) {
                        edges.push((format!(".{name}"), v, false));
                    }
                }
            }
            Kind::Exception => {
                if let Some(e) = o.borrow::<ExceptionObj>() {
                    edges.push(("args".into(), e.args.clone(), false));
                    for (name, v) in [
                        ("__traceback__", &e.traceback),
                        ("__context__", &e.context),
                        ("__cause__", &e.cause),
                    ] {
                        if let Some(v) = v {
                            edges.push((name.into(), v.clone(), false));
                        }
                    }
                }
            }
            Kind::Traceback => {
                if let Some(t) = o.borrow::<TracebackObj>() {
                    if let Some(n) = &t.next {
                        edges.push(("tb_next".into(), n.clone(), false));
                    }
                }
            }
            Kind::WeakRef => {
                if let Some(r) = weakref::referent(&o) {
                    edges.push(("referent".into(), r, true));
                }
            }
            Kind::Native | Kind::SeqIter | Kind::DictIter => {
                for r in gc::referents(&o) {
                    edges.push((String::new(), r, false));
                }
            }
            _ => {}
        }
        for (label, to, weak) in edges {
            self.edge(i, label, &to, weak);
        }
    }
}

/// Whether a value is shown inline as a dict key.
fn is_atom(vm: &Vm, o: &ObjRef) -> bool {
    matches!(
        o.kind(),
        Kind::Int | Kind::BigInt | Kind::Float | Kind::Str | Kind::Bytes
    ) || o.is(&vm.none)
        || o.class_is(vm.ty(T::Bool))
}

fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(MAX - 3).collect();
        t.push_str("...");
        t
    }
}

impl Vm {
    /// Takes a snapshot of the running program.
    pub fn snapshot(&mut self, label: Option<&str>) -> Snapshot {
        self.snapshot_capped(label, MAX_NODES)
    }

    /// Takes a snapshot of at most `cap` objects, the nearest to the roots
    /// (breadth first); `truncated` tells that more were reachable.
    pub fn snapshot_capped(&mut self, label: Option<&str>, cap: usize) -> Snapshot {
        // Garbage first: the snapshot's own references would make it look
        // referenced from outside.
        let garbage = gc::unreachable_now();
        let (file, line) = match self.frames.last() {
            Some(f) => (
                Some(f.code().filename.to_string()),
                f.code().line_of(f.lasti),
            ),
            None => (None, None),
        };
        // Roots: the frames (outermost first) and __main__'s globals.
        let mut frame_roots: Vec<FrameRoot> = Vec::new();
        let main_dict = {
            let key = self.names.main.clone();
            let modules = self.modules.clone();
            self.dict_get_str(&modules, &key)
                .and_then(|m| Vm::module_dict(&m))
        };
        let mut globals_in_frame = false;
        let mut seg = 0;
        for f in &self.frames {
            seg += f.kind.is_generator() as usize;
            let slots = self.segment_slots(seg, f.locals_base);
            let code = &f.code();
            let mut names: Vec<(String, ObjRef)> = Vec::new();
            let nvar = code.varnames.len();
            let all = code
                .varnames
                .iter()
                .chain(code.cellvars.iter())
                .chain(code.freevars.iter());
            for (k, name) in all.enumerate() {
                if let Some(Some(v)) = slots.get(k) {
                    let label = if k >= nvar {
                        format!("{name} (cell)")
                    } else {
                        name.to_string()
                    };
                    names.push((label, v.clone()));
                }
            }
            if f.func.is_none() {
                // Module and class bodies: their namespace dict.
                if let Some(ns) = &f.namespace {
                    names.extend(namespace_entries(self, ns));
                    if main_dict.as_ref().is_some_and(|m| m.is(ns)) {
                        globals_in_frame = true;
                    }
                }
            }
            let line = code.line_of(f.lasti).unwrap_or(code.firstlineno);
            frame_roots.push((code.qualname.to_string(), line, names));
        }
        let global_roots = match &main_dict {
            Some(d) => namespace_entries(self, d),
            None => Vec::new(),
        };
        let mut b = Builder {
            vm: self,
            index: AddrMap::default(),
            objs: Vec::new(),
            cap,
            nodes: Vec::new(),
            queue: Vec::new(),
            truncated: false,
        };
        let mut frames = Vec::new();
        for (name, line, names) in frame_roots {
            let mut locals = Vec::new();
            for (n, v) in names {
                if let Some(i) = b.node(&v) {
                    locals.push((n, i));
                }
            }
            frames.push(FrameSnap { name, line, locals });
        }
        let mut globals = Vec::new();
        for (n, v) in global_roots {
            if let Some(i) = b.node(&v) {
                globals.push((n, i));
            }
        }
        for g in &garbage {
            if let Some(i) = b.node(g) {
                b.nodes[i].garbage = true;
            }
        }
        drop(garbage);
        // Breadth first from the roots.
        let mut head = 0;
        while head < b.queue.len() {
            let i = b.queue[head];
            head += 1;
            b.expand(i);
        }
        let Builder {
            vm,
            objs,
            mut nodes,
            truncated,
            index,
            ..
        } = b;
        gc::for_each_tracked(|addr, g| {
            if let Some(&i) = index.get(&addr) {
                nodes[i].generation = Some(g);
            }
        });
        for (n, o) in nodes.iter_mut().zip(&objs) {
            // The snapshot holds exactly one reference to each node.
            n.refcount = o.refcount().saturating_sub(1);
            n.size = vm.sizeof(o);
        }
        drop(objs);
        Snapshot {
            label: label.map(String::from),
            file,
            line,
            frames,
            globals,
            nodes,
            truncated,
            globals_in_frame,
        }
    }
}

/// The names of a namespace dict, dunder names left out.
fn namespace_entries(vm: &Vm, d: &ObjRef) -> Vec<(String, ObjRef)> {
    let Some(t) = d.borrow::<DictObj>() else {
        return Vec::new();
    };
    t.table
        .iter()
        .filter_map(|e| {
            let k = e.key.get::<StrObj>()?.as_str();
            if k.starts_with("__") && k.ends_with("__") {
                return None;
            }
            let _ = vm;
            Some((k.to_string(), e.value.clone()))
        })
        .collect()
}

// ------------------------------------------------------------ rendering

fn generation_name(g: Option<u8>) -> String {
    match g {
        Some(3) => "permanent".into(),
        Some(g) => g.to_string(),
        None => "untracked".into(),
    }
}

impl Snapshot {
    /// The snapshot as one JSON object (schema in `docs/HEAP_GRAPHS.md`).
    pub fn to_json(&self) -> String {
        let mut s = String::new();
        s.push_str("{\"label\":");
        match &self.label {
            Some(l) => json_str(&mut s, l),
            None => s.push_str("null"),
        }
        s.push_str(",\"file\":");
        match &self.file {
            Some(f) => json_str(&mut s, f),
            None => s.push_str("null"),
        }
        let _ = write!(
            s,
            ",\"line\":{},\"truncated\":{},\"frames\":[",
            self.line.map_or("null".to_string(), |l| l.to_string()),
            self.truncated
        );
        let names = |s: &mut String, list: &[(String, usize)], nodes: &[Node]| {
            s.push('[');
            for (k, (n, i)) in list.iter().enumerate() {
                if k > 0 {
                    s.push(',');
                }
                s.push_str("{\"name\":");
                json_str(s, n);
                let _ = write!(s, ",\"id\":{}}}", nodes[*i].id);
            }
            s.push(']');
        };
        for (k, f) in self.frames.iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            s.push_str("{\"name\":");
            json_str(&mut s, &f.name);
            let _ = write!(s, ",\"line\":{},\"locals\":", f.line);
            names(&mut s, &f.locals, &self.nodes);
            s.push('}');
        }
        s.push_str("],\"globals\":");
        names(&mut s, &self.globals, &self.nodes);
        s.push_str(",\"objects\":[");
        for (k, n) in self.nodes.iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            let _ = write!(s, "{{\"id\":{},\"type\":", n.id);
            json_str(&mut s, &n.type_name);
            s.push_str(",\"value\":");
            match &n.value {
                Some(v) => json_str(&mut s, v),
                None => s.push_str("null"),
            }
            let _ = write!(
                s,
                ",\"refcount\":{},\"size\":{},\"generation\":{},\"garbage\":{},\"refs\":[",
                n.refcount,
                n.size,
                match n.generation {
                    Some(3) => "\"permanent\"".to_string(),
                    Some(g) => g.to_string(),
                    None => "null".to_string(),
                },
                n.garbage
            );
            for (j, e) in n.edges.iter().enumerate() {
                if j > 0 {
                    s.push(',');
                }
                s.push_str("{\"label\":");
                json_str(&mut s, &e.label);
                let _ = write!(s, ",\"to\":{}", self.nodes[e.to].id);
                if e.weak {
                    s.push_str(",\"weak\":true");
                }
                s.push('}');
            }
            s.push_str("]}");
        }
        s.push_str("]}");
        s
    }

    /// The snapshot as a Graphviz digraph: roots (frames, globals) in
    /// clusters of their own, objects as boxes, cyclic garbage in red.
    pub fn to_dot(&self, name: &str) -> String {
        let mut s = String::new();
        let q = |t: &str| dot_escape(t);
        let _ = writeln!(s, "digraph \"{}\" {{", q(name));
        let _ = writeln!(s, "  rankdir=LR;");
        let _ = writeln!(s, "  node [fontname=\"monospace\" fontsize=10];");
        let _ = writeln!(s, "  edge [fontname=\"monospace\" fontsize=9];");
        if let Some(l) = &self.label {
            let _ = writeln!(s, "  label=\"{}\"; labelloc=t;", q(l));
        }
        let _ = writeln!(s, "  subgraph cluster_stack {{");
        let _ = writeln!(s, "    label=\"stack\"; style=rounded; color=gray;");
        for (k, f) in self.frames.iter().enumerate() {
            let mut label = format!("<h>{} (line {})", q(&f.name), f.line);
            for (j, (n, _)) in f.locals.iter().enumerate() {
                let _ = write!(label, "|<v{j}>{}", q(n));
            }
            let _ = writeln!(
                s,
                "    frame{k} [shape=record style=filled fillcolor=lightyellow label=\"{label}\"];"
            );
        }
        let _ = writeln!(s, "  }}");
        if !self.globals.is_empty() && !self.globals_in_frame {
            let mut label = String::from("<h>globals of __main__");
            for (j, (n, _)) in self.globals.iter().enumerate() {
                let _ = write!(label, "|<v{j}>{}", q(n));
            }
            let _ = writeln!(
                s,
                "  globals [shape=record style=filled fillcolor=lightblue label=\"{label}\"];"
            );
        }
        for n in &self.nodes {
            let mut label = q(&n.type_name);
            if let Some(v) = &n.value {
                let _ = write!(label, " {}", q(v));
            }
            let _ = write!(
                label,
                "\\nid={:#x}\\nrefcount={} size={} gen={}",
                n.id,
                n.refcount,
                n.size,
                generation_name(n.generation)
            );
            let style = if n.garbage {
                "style=filled fillcolor=\"#f4b6b6\" color=red"
            } else {
                "style=filled fillcolor=white"
            };
            let _ = writeln!(s, "  o{:x} [shape=box {style} label=\"{label}\"];", n.id);
        }
        for (k, f) in self.frames.iter().enumerate() {
            for (j, (_, i)) in f.locals.iter().enumerate() {
                let _ = writeln!(s, "  frame{k}:v{j} -> o{:x};", self.nodes[*i].id);
            }
        }
        if !self.globals_in_frame {
            for (j, (_, i)) in self.globals.iter().enumerate() {
                let _ = writeln!(s, "  globals:v{j} -> o{:x};", self.nodes[*i].id);
            }
        }
        for n in &self.nodes {
            for e in &n.edges {
                let style = if e.weak { " style=dashed" } else { "" };
                let _ = writeln!(
                    s,
                    "  o{:x} -> o{:x} [label=\"{}\"{style}];",
                    n.id,
                    self.nodes[e.to].id,
                    q(&e.label)
                );
            }
        }
        let _ = writeln!(s, "}}");
        s
    }

    /// The snapshot as text, for `ouro.show()` in the REPL.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let sym = |i: usize| format!("#{}", i + 1);
        for f in &self.frames {
            let _ = writeln!(s, "frame {} (line {})", f.name, f.line);
            for (n, i) in &f.locals {
                let _ = writeln!(s, "  {n} -> {}", sym(*i));
            }
        }
        if !self.globals.is_empty() && !self.globals_in_frame {
            let _ = writeln!(s, "globals");
            for (n, i) in &self.globals {
                let _ = writeln!(s, "  {n} -> {}", sym(*i));
            }
        }
        let _ = writeln!(s, "objects");
        for (i, n) in self.nodes.iter().enumerate() {
            let mut what = n.type_name.clone();
            if let Some(v) = &n.value {
                let _ = write!(what, " {v}");
            }
            let _ = writeln!(
                s,
                "  {:<5} {:<28} id={} refcount={} size={} {}{}",
                sym(i),
                what,
                n.id,
                n.refcount,
                n.size,
                match n.generation {
                    Some(3) => "gen=permanent".to_string(),
                    Some(g) => format!("gen={g}"),
                    None => "untracked".to_string(),
                },
                if n.garbage {
                    "  GARBAGE (unreachable cycle)"
                } else {
                    ""
                }
            );
            for e in &n.edges {
                let arrow = if e.weak { "~>" } else { "->" };
                let _ = writeln!(s, "        {} {arrow} {}", e.label, sym(e.to));
            }
        }
        if self.truncated {
            let _ = writeln!(s, "(more than {MAX_NODES} objects: the rest is not shown)");
        }
        s
    }
}

fn dot_escape(t: &str) -> String {
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '"' | '\\' | '{' | '}' | '<' | '>' | '|' => {
                s.push('\\');
                s.push(c);
            }
            '\n' => s.push_str("\\n"),
            c => s.push(c),
        }
    }
    s
}

// ------------------------------------------------------------ the files

/// Where `--heap-dot` and `--heap-json` write snapshots.
pub struct HeapOutputs {
    dot: Option<(String, std::io::BufWriter<std::fs::File>)>,
    json: Option<(String, std::io::BufWriter<std::fs::File>)>,
    count: usize,
    pub(crate) error: Option<String>,
}

impl HeapOutputs {
    pub fn create(dot: Option<&str>, json: Option<&str>) -> Result<HeapOutputs, String> {
        use std::io::Write;
        let open = |p: &str| {
            std::fs::File::create(p)
                .map(std::io::BufWriter::new)
                .map_err(|e| format!("cannot write '{p}': {e}"))
        };
        let dot = match dot {
            Some(p) => Some((p.to_string(), open(p)?)),
            None => None,
        };
        let mut json = match json {
            Some(p) => Some((p.to_string(), open(p)?)),
            None => None,
        };
        if let Some((p, w)) = &mut json {
            w.write_all(b"{\"version\":1,\"snapshots\":[\n")
                .map_err(|e| format!("cannot write '{p}': {e}"))?;
        }
        Ok(HeapOutputs {
            dot,
            json,
            count: 0,
            error: None,
        })
    }

    fn write(&mut self, snap: &Snapshot) {
        use std::io::Write;
        if self.error.is_some() {
            return;
        }
        let name = snap
            .label
            .clone()
            .unwrap_or_else(|| format!("snapshot {}", self.count + 1));
        if let Some((p, w)) = &mut self.dot {
            if let Err(e) = w.write_all(snap.to_dot(&name).as_bytes()) {
                self.error = Some(format!("cannot write '{p}': {e}"));
            }
        }
        if let Some((p, w)) = &mut self.json {
            let sep = if self.count > 0 { ",\n" } else { "" };
            if let Err(e) = write!(w, "{sep}{}", snap.to_json()) {
                self.error = Some(format!("cannot write '{p}': {e}"));
            }
        }
        self.count += 1;
    }

    /// Closes the JSON document and flushes both files.
    pub fn finish(mut self) -> Result<(), String> {
        use std::io::Write;
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if let Some((p, w)) = &mut self.json {
            w.write_all(b"\n]}\n")
                .and_then(|_| w.flush())
                .map_err(|e| format!("cannot write '{p}': {e}"))?;
        }
        if let Some((p, w)) = &mut self.dot {
            w.flush().map_err(|e| format!("cannot write '{p}': {e}"))?;
        }
        Ok(())
    }
}

impl Vm {
    /// Writes a snapshot to the `--heap-dot`/`--heap-json` files (nothing
    /// if neither was asked for).
    pub fn write_heap_snapshot(&mut self, label: Option<&str>) {
        if self.heap_outputs.is_none() {
            return;
        }
        let snap = self.snapshot(label);
        if let Some(out) = self.heap_outputs.as_mut() {
            out.write(&snap);
        }
    }

    /// Starts writing heap graphs.
    pub fn set_heap_outputs(&mut self, out: HeapOutputs) {
        self.heap_outputs = Some(out);
    }

    /// Ends the heap graph files.
    pub fn finish_heap_outputs(&mut self) -> Result<(), String> {
        match self.heap_outputs.take() {
            Some(o) => o.finish(),
            None => Ok(()),
        }
    }
}
