//! The interpreter state: builtin types and singletons, interned strings, the
//! native-function table, modules, and the execution stacks. Bootstrap makes
//! the type objects (which refer to str, tuple and dict objects, which refer
//! to their types) in two steps: first with a sentinel in every field, then
//! patched once the first strs, tuples and dicts exist.

use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;
use ouro_heap::{
    self as heap, flags, tflags, DictObj, DictTable, IntObj, Kind, ListObj, ObjRef, Payload,
    StrObj, TypeObj,
};

use crate::error::PyResult;
use crate::interp::Frame;
use crate::natives::NativeDef;
use crate::types::{BUILTIN_TYPES, BUILTIN_TYPE_COUNT, T};

macro_rules! names {
    ($($field:ident => $s:literal,)*) => {
        /// Interned names the VM uses often.
        pub struct Names { $(pub $field: ObjRef,)* }
        impl Names {
            fn new(vm: &mut Vm) -> PyResult<Names> {
                Ok(Names { $($field: vm.intern($s)?,)* })
            }
        }
    };
}

names! {
    init => "__init__",
    new => "__new__",
    del => "__del__",
    repr => "__repr__",
    str_ => "__str__",
    eq => "__eq__",
    ne => "__ne__",
    hash => "__hash__",
    name => "__name__",
    qualname => "__qualname__",
    module => "__module__",
    doc => "__doc__",
    dict => "__dict__",
    class => "__class__",
    call => "__call__",
    len => "__len__",
    iter => "__iter__",
    next => "__next__",
    getitem => "__getitem__",
    setitem => "__setitem__",
    delitem => "__delitem__",
    contains => "__contains__",
    bool_ => "__bool__",
    getattr => "__getattr__",
    getattribute => "__getattribute__",
    setattr => "__setattr__",
    delattr => "__delattr__",
    get => "__get__",
    set => "__set__",
    delete => "__delete__",
    set_name => "__set_name__",
    init_subclass => "__init_subclass__",
    index => "__index__",
    format => "__format__",
    enter => "__enter__",
    exit => "__exit__",
    classcell => "__classcell__",
    main => "__main__",
    builtins => "__builtins__",
    file => "__file__",
    annotations => "__annotations__",
    neg => "__neg__",
    pos => "__pos__",
    invert => "__invert__",
    abs => "__abs__",
    int_ => "__int__",
    float_ => "__float__",
    mro_entries => "__mro_entries__",
    prepare => "__prepare__",
    args => "args",
}

/// Where output goes: the process streams, or buffers (for embedding and
/// tests).
pub enum Output {
    Stdout(StdoutBuffer),
    Stderr(std::io::Stderr),
    Buffer(Vec<u8>),
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::Stderr(w) => w.write(buf),
            Output::Buffer(b) => b.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::Stderr(w) => w.flush(),
            Output::Buffer(_) => Ok(()),
        }
    }
}

/// How much of the process's standard output is held before it is written.
const STDOUT_BUFFER: usize = 8192;

/// What the program printed on this thread and the process has not been
/// given yet. Written out when the thread ends, if anything is left.
struct Pending(std::cell::RefCell<Vec<u8>>);

impl Drop for Pending {
    fn drop(&mut self) {
        let _ = flush_pending(self.0.get_mut());
    }
}

thread_local! {
    static STDOUT_PENDING: Pending = const { Pending(std::cell::RefCell::new(Vec::new())) };
}

/// The process's standard output, buffered as `BufWriter` does (8 KiB;
/// a write that does not fit sends the buffer first, one as large as the
/// buffer goes straight through).
///
/// The buffer is the thread's, not the VM's, so that the panic hook can
/// still write it out: release builds abort on a panic, nothing unwinds and
/// no destructor runs, and what the program printed before an internal
/// error must not be lost ([`flush_stdout_after_panic`]).
#[derive(Default)]
pub struct StdoutBuffer(());

/// Hands the pending bytes to the process's stdout.
fn send_pending(pending: &mut Vec<u8>) -> std::io::Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    let r = std::io::stdout().lock().write_all(pending);
    pending.clear();
    r
}

/// [`send_pending`], then the process's stdout flushed.
fn flush_pending(pending: &mut Vec<u8>) -> std::io::Result<()> {
    send_pending(pending)?;
    std::io::stdout().flush()
}

impl Write for StdoutBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let buffered = STDOUT_PENDING.try_with(|p| {
            let mut pending = p.0.borrow_mut();
            if pending.len() + buf.len() > STDOUT_BUFFER {
                send_pending(&mut pending)?;
            }
            if buf.len() >= STDOUT_BUFFER {
                std::io::stdout().lock().write(buf)
            } else {
                pending.extend_from_slice(buf);
                Ok(buf.len())
            }
        });
        match buffered {
            Ok(r) => r,
            // The thread is ending and its buffer is gone: straight through.
            Err(_) => std::io::stdout().lock().write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match STDOUT_PENDING.try_with(|p| flush_pending(&mut p.0.borrow_mut())) {
            Ok(r) => r,
            // The thread is ending and its buffer is gone: nothing waits.
            Err(_) => std::io::stdout().flush(),
        }
    }
}

impl Drop for StdoutBuffer {
    fn drop(&mut self) {
        // As BufWriter: an error at this point has nowhere to go.
        let _ = self.flush();
    }
}

/// For a panic hook: writes out what the program printed on this thread
/// and the process has not been given yet. Skipped if the panic came from
/// inside a write (the buffer is in use).
pub fn flush_stdout_after_panic() {
    let _ = STDOUT_PENDING.try_with(|p| {
        if let Ok(mut pending) = p.0.try_borrow_mut() {
            let _ = flush_pending(&mut pending);
        }
    });
}

/// Options fixed when the interpreter starts.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// Cap on the private heap in bytes.
    pub max_heap: Option<usize>,
    /// Capture output in buffers instead of the process streams.
    pub capture_output: bool,
    /// `-X gcstress`: a collection at every instruction boundary after a
    /// container allocation (young; full every 64th).
    pub gc_stress: bool,
}

pub struct Vm {
    pub(crate) types: Box<[ObjRef; BUILTIN_TYPE_COUNT]>,
    pub none: ObjRef,
    pub true_: ObjRef,
    pub false_: ObjRef,
    pub not_implemented: ObjRef,
    pub ellipsis: ObjRef,
    /// The stack sentinel of the method-call protocol.
    pub null: ObjRef,
    pub names: Names,
    small_ints: Vec<ObjRef>,
    empty_str: ObjRef,
    empty_tuple: ObjRef,
    latin1_chars: Vec<Option<ObjRef>>,
    interned: HashMap<Box<str>, ObjRef>,
    /// The interned (`__op__`, `__rop__`, `__iop__`) names of each binary
    /// operator, by `BinOp::plain() as usize`; filled on first use.
    pub(crate) binop_names: Vec<(ObjRef, ObjRef, ObjRef)>,
    pub(crate) natives: Vec<NativeDef>,
    /// The native id of `list.append`, for `l.append(x)`'s fast path
    /// (`u32::MAX` until the list type's methods are installed).
    pub(crate) list_append_id: u32,
    /// The native id of `len`, for `len(x)`'s fast path (`u32::MAX` until
    /// the builtins are installed).
    pub(crate) len_id: u32,
    /// The arguments of a native called in its positional form, or the
    /// keys and values of a `BUILD_MAP`, moved off the value stack (empty
    /// between uses; its capacity is reused).
    pub(crate) arg_buf: Vec<ObjRef>,
    pub builtins: ObjRef,
    pub builtins_module: ObjRef,
    pub modules: ObjRef,
    pub sys: ObjRef,
    pub(crate) memory_error_instance: ObjRef,
    /// `gc.garbage` and `gc.callbacks` (they exist before `gc` is imported,
    /// as in CPython).
    pub(crate) gc_garbage: ObjRef,
    pub(crate) gc_callbacks: ObjRef,
    /// Callables to run at exit, newest last (`weakref.finalize`'s atexit
    /// hook; ouro has no `atexit` module yet).
    pub(crate) atexit: Vec<ObjRef>,
    /// The `--trace` writer, while tracing.
    pub(crate) tracer: Option<Box<crate::trace::Tracer>>,
    /// `--heap-dot` / `--heap-json` files.
    pub(crate) heap_outputs: Option<crate::snapshot::HeapOutputs>,
    /// The `--viz` recorder.
    pub(crate) viz: Option<Box<crate::viz::Recorder>>,
    /// `tracemalloc`'s traces, while it traces.
    pub(crate) tracemalloc: Option<Box<crate::tracemalloc::TraceMalloc>>,
    /// The traceback limit last given to `tracemalloc.start()`.
    pub(crate) tm_limit: usize,

    // Execution state (see `interp`).
    pub(crate) frames: Vec<Frame>,
    pub(crate) stack: Vec<ObjRef>,
    pub(crate) locals: Vec<Option<ObjRef>>,
    /// The slots and value stacks of the frames below each running
    /// generator's frame, with their handled exception, set aside while it
    /// runs (`stack`, `locals` and `handled` are the innermost generator's
    /// own then; see [`crate::interp::Segment`]).
    pub(crate) segments: Vec<crate::interp::Segment>,
    /// Emptied slot and stack buffers of generator frames that ended, for
    /// the next generators made (`Vm::spare_segment_buffers`).
    pub(crate) spare_buffers: Vec<(Vec<Option<ObjRef>>, Vec<ObjRef>)>,
    /// The exception being handled (`sys.exc_info()`).
    pub(crate) handled: Option<ObjRef>,
    /// Set by `YIELD_VALUE` as the loop returns to `gen_resume`: the frame
    /// yielded rather than returned.
    pub(crate) gen_yielded: bool,
    /// Warnings already shown, by (file, line, message): the `default`
    /// action shows each once per location (`__warningregistry__`).
    pub(crate) warned: std::collections::HashSet<(String, u32, String)>,
    /// Containers whose repr is being computed (CPython's `Py_ReprEnter`).
    pub(crate) repr_active: Vec<ObjRef>,
    /// Finalizer queue depths of the `__del__` calls running (see
    /// `interp::finalizer_floor`).
    pub(crate) fin_floors: Vec<usize>,
    pub(crate) method_cache: crate::types::MethodCache,
    /// A class's dunder was set or deleted after creation.
    pub(crate) dunders_changed: bool,
    pub(crate) recursion_limit: usize,
    /// Rust-level re-entries of the interpreter loop.
    pub(crate) native_depth: usize,
    /// The running frame's next instruction, stored by the loop at each
    /// instruction (CPython's `frame->prev_instr`): a frame pushed from
    /// Rust records its caller's position from it, and a running frame's
    /// `f_lineno` reads it.
    pub(crate) cur_ip: usize,
    /// Set by `CALL_FUNCTION_EX` for the native it calls next, which takes
    /// it into its `Args::packed`.
    pub(crate) native_args_packed: bool,

    pub stdout: Output,
    pub stderr: Output,
    /// Source text of files run, for tracebacks.
    pub sources: HashMap<String, Rc<str>>,
    pub config: Config,
}

/// Range of the small-int cache, as CPython's `_PY_NSMALLNEGINTS` and
/// `_PY_NSMALLPOSINTS`.
pub const SMALL_INT_MIN: i64 = -5;
pub const SMALL_INT_MAX: i64 = 256;

impl Vm {
    /// Makes a new interpreter on this thread's heap.
    pub fn new(config: Config) -> Result<Box<Vm>, String> {
        heap::heap::set_heap_limit(None);
        let vm =
            Vm::bootstrap(config).map_err(|_| "cannot initialise the interpreter".to_string())?;
        ouro_heap::gc::set_stress(vm.config.gc_stress);
        if let Some(limit) = vm.config.max_heap {
            heap::heap::set_heap_limit(Some(limit));
        }
        Ok(vm)
    }

    fn bootstrap(config: Config) -> Result<Box<Vm>, heap::NoMemory> {
        let null = heap::alloc_bootstrap_sentinel()?;
        let placeholder = |kind: Kind, builtin: T| TypeObj {
            name: null.clone(),
            qualname: null.clone(),
            bases: null.clone(),
            base: None,
            mro: null.clone(),
            dict: null.clone(),
            layout: kind,
            builtin: builtin as u16,
            tag: builtin as u64 + 1,
            vm_cache: Default::default(),
        };
        let type_type = heap::alloc_self_typed(placeholder(Kind::Type, T::Type))?;
        let mut types: Vec<ObjRef> = Vec::with_capacity(BUILTIN_TYPES.len());
        for &(id, _, _, layout, tf) in BUILTIN_TYPES {
            let t = if id == T::Type {
                type_type.clone()
            } else {
                heap::alloc_object(&type_type, placeholder(layout, id), false)?
            };
            t.set_tflags(tf);
            types.push(t);
        }
        heap::bootstrap_set_class(&null, &types[T::NullType as usize]);

        let mk = |t: T, payload_ty: &Vec<ObjRef>| payload_ty[t as usize].clone();
        let none = heap::alloc_object(
            &mk(T::NoneType, &types),
            ouro_heap::layout::IntObj { value: 0 },
            false,
        )
        .ok();
        // None, NotImplemented and Ellipsis are payload-less objects.
        drop(none);
        let none = alloc_unit(&types[T::NoneType as usize])?;
        let not_implemented = alloc_unit(&types[T::NotImplementedType as usize])?;
        let ellipsis = alloc_unit(&types[T::EllipsisType as usize])?;
        let false_ = heap::alloc_object(&types[T::Bool as usize], IntObj { value: 0 }, false)?;
        let true_ = heap::alloc_object(&types[T::Bool as usize], IntObj { value: 1 }, false)?;
        let empty_str = heap::alloc_str(&types[T::Str as usize], "")?;
        let empty_tuple = heap::alloc_tuple(&types[T::Tuple as usize], Vec::new(), false)?;
        let mut small_ints = Vec::with_capacity((SMALL_INT_MAX - SMALL_INT_MIN + 1) as usize);
        for v in SMALL_INT_MIN..=SMALL_INT_MAX {
            small_ints.push(heap::alloc_object(
                &types[T::Int as usize],
                IntObj { value: v },
                false,
            )?);
        }
        let dict_ty = types[T::Dict as usize].clone();
        let new_dict = || {
            heap::alloc_object(
                &dict_ty,
                DictObj {
                    table: DictTable::new(),
                },
                false,
            )
        };
        let builtins = new_dict()?;
        let modules = new_dict()?;

        // A provisional Names with sentinels, replaced right below.
        let Ok(types) = Box::<[ObjRef; BUILTIN_TYPE_COUNT]>::try_from(types.into_boxed_slice())
        else {
            unreachable!("one type per BUILTIN_TYPES entry");
        };
        let mut vm = Box::new(Vm {
            types,
            none,
            true_,
            false_,
            not_implemented,
            ellipsis,
            null: null.clone(),
            names: placeholder_names(&null),
            small_ints,
            empty_str,
            empty_tuple,
            latin1_chars: vec![None; 256],
            interned: HashMap::new(),
            binop_names: Vec::new(),
            natives: Vec::new(),
            list_append_id: u32::MAX,
            len_id: u32::MAX,
            arg_buf: Vec::new(),
            builtins: builtins.clone(),
            builtins_module: null.clone(),
            modules,
            sys: null.clone(),
            memory_error_instance: null.clone(),
            gc_garbage: null.clone(),
            gc_callbacks: null.clone(),
            atexit: Vec::new(),
            tracer: None,
            heap_outputs: None,
            viz: None,
            tracemalloc: None,
            tm_limit: 1,
            frames: Vec::new(),
            stack: Vec::with_capacity(256),
            locals: Vec::with_capacity(256),
            segments: Vec::new(),
            spare_buffers: Vec::new(),
            handled: None,
            gen_yielded: false,
            warned: std::collections::HashSet::new(),
            repr_active: Vec::new(),
            fin_floors: Vec::new(),
            method_cache: crate::types::MethodCache::new(),
            dunders_changed: false,
            recursion_limit: 1000,
            native_depth: 0,
            cur_ip: 0,
            native_args_packed: false,
            stdout: if config.capture_output {
                Output::Buffer(Vec::new())
            } else {
                Output::Stdout(StdoutBuffer::default())
            },
            stderr: if config.capture_output {
                Output::Buffer(Vec::new())
            } else {
                Output::Stderr(std::io::stderr())
            },
            sources: HashMap::new(),
            config,
        });
        vm.finish_bootstrap().map_err(|_| heap::NoMemory)?;
        Ok(vm)
    }

    /// Fills in the type objects' names, bases, MROs and dicts, then makes
    /// the builtins and `sys`.
    fn finish_bootstrap(&mut self) -> PyResult<()> {
        self.names = Names::new(self)?;
        heap::set_empty_tuple(&self.empty_tuple);
        ouro_heap::gc::untrack(&self.empty_tuple);
        for &(id, full_name, base, _, _) in BUILTIN_TYPES {
            let ty = self.types[id as usize].clone();
            // Static types are not tracked (CPython's are not GC objects).
            ouro_heap::gc::untrack(&ty);
            // "weakref.ReferenceType": the module part goes to __module__.
            let (module, name) = match full_name.rsplit_once('.') {
                Some((m, n)) => (Some(m), n),
                None => (None, full_name),
            };
            let name_obj = self.intern(name)?;
            let bases = if id == T::Object {
                self.new_tuple(Vec::new())?
            } else {
                self.new_tuple(vec![self.types[base as usize].clone()])?
            };
            let mut mro = vec![ty.clone()];
            if id != T::Object {
                let mut b = base;
                loop {
                    mro.push(self.types[b as usize].clone());
                    if b == T::Object {
                        break;
                    }
                    b = BUILTIN_TYPES[b as usize].2;
                }
            }
            let (bases, mro) = if id == T::ExceptionGroup {
                // The one builtin with two bases: (BaseExceptionGroup, Exception).
                let exc = self.types[T::Exception as usize].clone();
                let bases = self.new_tuple(vec![
                    self.types[T::BaseExceptionGroup as usize].clone(),
                    exc.clone(),
                ])?;
                mro.insert(2, exc);
                (bases, mro)
            } else {
                (bases, mro)
            };
            let mro = self.new_tuple(mro)?;
            let dict = self.new_dict()?;
            if let Some(m) = module {
                let k = self.names.module.clone();
                let v = self.intern(m)?;
                self.dict_set_str(&dict, &k, v)?;
            }
            let base_ref = if id == T::Object {
                None
            } else {
                Some(self.types[base as usize].clone())
            };
            if let Some(mut t) = ty.borrow_mut::<TypeObj>() {
                t.name = name_obj.clone();
                t.qualname = name_obj;
                t.bases = bases;
                t.base = base_ref;
                t.mro = mro;
                t.dict = dict;
            };
        }
        self.gc_garbage = self.new_list(Vec::new())?;
        self.gc_callbacks = self.new_list(Vec::new())?;
        let merr = self.ty(T::MemoryError).clone();
        self.memory_error_instance = self.new_exc_args(&merr, Vec::new()).0;
        crate::natives::install(self)?;
        crate::builtins::install(self)?;
        crate::sys::install(self)?;
        Ok(())
    }

    // ------------------------------------------------------------ allocation

    /// Allocates an object, turning heap exhaustion into `MemoryError`.
    #[inline]
    pub fn alloc<P: Payload>(&mut self, ty: &ObjRef, payload: P, attrs: bool) -> PyResult<ObjRef> {
        heap::alloc_object(ty, payload, attrs).map_err(|_| self.memory_error())
    }

    #[inline(always)]
    pub fn new_int(&mut self, v: i64) -> PyResult<ObjRef> {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&v) {
            return Ok(self.small_ints[(v - SMALL_INT_MIN) as usize].clone());
        }
        self.alloc_int(v)
    }

    /// A new int object, outside the small-int range. Kept out of line so
    /// [`Vm::new_int`]'s shared small ints cost their callers no more than
    /// a load and a count; the allocator's quick path has no call in it, so
    /// this saves no registers unless it has to take [`Vm::alloc_int_slow`].
    #[inline(never)]
    fn alloc_int(&mut self, v: i64) -> PyResult<ObjRef> {
        match heap::alloc_leaf_quick(&self.types[T::Int as usize], IntObj { value: v }) {
            Ok(o) => Ok(o),
            Err(payload) => self.alloc_int_slow(payload),
        }
    }

    #[inline(never)]
    fn alloc_int_slow(&mut self, payload: IntObj) -> PyResult<ObjRef> {
        match heap::alloc_leaf(&self.types[T::Int as usize], payload) {
            Ok(o) => Ok(o),
            Err(_) => Err(self.memory_error()),
        }
    }

    /// An int from a big integer, kept in the narrowest form.
    pub fn new_bigint(&mut self, v: BigInt) -> PyResult<ObjRef> {
        match v.to_i64() {
            Some(i) => self.new_int(i),
            None => {
                let ty = self.types[T::Int as usize].clone();
                heap::alloc_bigint(&ty, &v, false).map_err(|_| self.memory_error())
            }
        }
    }

    #[inline]
    pub fn new_float(&mut self, v: f64) -> PyResult<ObjRef> {
        match heap::alloc_float(&self.types[T::Float as usize], v) {
            Ok(o) => Ok(o),
            Err(_) => Err(self.memory_error()),
        }
    }

    #[inline]
    pub fn new_bool(&self, b: bool) -> ObjRef {
        if b {
            self.true_.clone()
        } else {
            self.false_.clone()
        }
    }

    /// A str. The empty string and one-character latin-1 strings are shared
    /// singletons, as in CPython.
    pub fn new_str(&mut self, s: &str) -> PyResult<ObjRef> {
        if s.is_empty() {
            return Ok(self.empty_str.clone());
        }
        let mut it = s.chars();
        if let (Some(c), None) = (it.next(), it.next()) {
            if (c as u32) < 256 {
                let i = c as usize;
                if let Some(o) = &self.latin1_chars[i] {
                    return Ok(o.clone());
                }
                let ty = self.types[T::Str as usize].clone();
                let o = heap::alloc_str(&ty, s).map_err(|_| self.memory_error())?;
                self.latin1_chars[i] = Some(o.clone());
                return Ok(o);
            }
        }
        let ty = self.types[T::Str as usize].clone();
        heap::alloc_str(&ty, s).map_err(|_| self.memory_error())
    }

    /// The interned str for `s` (`sys.intern`).
    pub fn intern(&mut self, s: &str) -> PyResult<ObjRef> {
        if let Some(o) = self.interned.get(s) {
            return Ok(o.clone());
        }
        let o = self.new_str(s)?;
        o.set_flag(flags::F_INTERNED, true);
        self.interned.insert(s.into(), o.clone());
        Ok(o)
    }

    /// Interns an existing str object (returns the canonical one).
    pub fn intern_obj(&mut self, s: &ObjRef) -> PyResult<ObjRef> {
        if s.has_flag(flags::F_INTERNED) {
            return Ok(s.clone());
        }
        let text = self.str_of(s).to_string();
        if let Some(o) = self.interned.get(text.as_str()) {
            return Ok(o.clone());
        }
        s.set_flag(flags::F_INTERNED, true);
        self.interned.insert(text.into(), s.clone());
        Ok(s.clone())
    }

    /// The empty tuple singleton.
    pub fn empty_tuple(&self) -> ObjRef {
        self.empty_tuple.clone()
    }

    /// A tuple of a fixed, non-zero number of items (pairs from iterators),
    /// with no intermediate vector.
    pub fn new_tuple_of<const N: usize>(&mut self, items: [ObjRef; N]) -> PyResult<ObjRef> {
        if N == 0 {
            return Ok(self.empty_tuple.clone());
        }
        let ty = self.types[T::Tuple as usize].clone();
        heap::alloc_tuple_array(&ty, items).map_err(|_| self.memory_error())
    }

    pub fn new_tuple(&mut self, items: Vec<ObjRef>) -> PyResult<ObjRef> {
        if items.is_empty() {
            return Ok(self.empty_tuple.clone());
        }
        let ty = self.types[T::Tuple as usize].clone();
        heap::alloc_tuple(&ty, items, false).map_err(|_| self.memory_error())
    }

    pub fn new_list(&mut self, items: Vec<ObjRef>) -> PyResult<ObjRef> {
        self.new_list_of(ouro_heap::hvec_from(items))
    }

    /// A list owning `items`, a buffer already in the private heap.
    pub fn new_list_of(&mut self, items: ouro_heap::HVec<ObjRef>) -> PyResult<ObjRef> {
        let ty = self.types[T::List as usize].clone();
        self.alloc(&ty, ListObj { items }, false)
    }

    pub fn new_dict(&mut self) -> PyResult<ObjRef> {
        self.new_dict_sized(0)
    }

    /// A dict whose table has room for `n` entries, as CPython's
    /// `_PyDict_FromItems` presizes one for `BUILD_MAP`.
    pub fn new_dict_sized(&mut self, n: usize) -> PyResult<ObjRef> {
        let ty = self.types[T::Dict as usize].clone();
        self.alloc(
            &ty,
            DictObj {
                table: DictTable::with_capacity(n),
            },
            false,
        )
    }

    // -------------------------------------------------------------- access

    /// The text of a str object ("" for other objects).
    #[inline]
    pub fn str_of<'a>(&self, o: &'a ObjRef) -> &'a str {
        o.get::<StrObj>().map_or("", |s| s.as_str())
    }

    /// The value of an int object that fits in 64 bits.
    #[inline]
    pub fn int_of(o: &ObjRef) -> Option<i64> {
        o.get::<IntObj>().map(|i| i.value)
    }

    /// Looks up a str key in a dict whose keys are strs (namespaces):
    /// interned keys compare by identity, others by text.
    pub fn dict_get_str(&self, dict: &ObjRef, key: &ObjRef) -> Option<ObjRef> {
        let d = dict.borrow::<DictObj>()?;
        let h = self.str_hash(key);
        let text = self.str_of(key);
        let pos = d.table.lookup(h, |k| {
            k.is(key) || (k.kind() == Kind::Str && self.str_of(k) == text)
        })?;
        d.table.entry(pos).map(|e| e.value.clone())
    }

    /// Like [`Vm::dict_get_str`], also returning the entry position.
    pub(crate) fn dict_find_str(&self, dict: &ObjRef, key: &ObjRef) -> Option<(usize, ObjRef)> {
        let d = dict.borrow::<DictObj>()?;
        let h = self.str_hash(key);
        let text = self.str_of(key);
        let pos = d.table.lookup(h, |k| {
            k.is(key) || (k.kind() == Kind::Str && self.str_of(k) == text)
        })?;
        d.table.entry(pos).map(|e| (pos, e.value.clone()))
    }

    /// Sets a str key in a namespace dict (keys compared as in `dict_get_str`).
    pub fn dict_set_str(&mut self, dict: &ObjRef, key: &ObjRef, value: ObjRef) -> PyResult<()> {
        if self.dict_store_str(dict, key, value) {
            Ok(())
        } else {
            Err(self.internal_error("namespace is not a dict"))
        }
    }

    /// [`Vm::dict_set_str`] that needs no exclusive access to the VM (the
    /// dict may be borrowed from a frame); false if `dict` is not a dict.
    pub(crate) fn dict_store_str(&self, dict: &ObjRef, key: &ObjRef, value: ObjRef) -> bool {
        ouro_heap::gc::maintain_dict_tracking(dict, key, &value);
        let h = self.str_hash(key);
        let old = {
            let Some(mut d) = dict.borrow_mut::<DictObj>() else {
                return false;
            };
            let text = key.get::<StrObj>().map_or("", |s| s.as_str());
            let pos = d.table.lookup(h, |k| {
                k.is(key)
                    || (k.kind() == Kind::Str
                        && k.get::<StrObj>().is_some_and(|s| s.as_str() == text))
            });
            match pos {
                Some(p) => d.table.replace_value(p, value),
                None => {
                    d.table.insert_new(h, key.clone(), value);
                    None
                }
            }
        };
        // The old value is released after the dict's borrow ends.
        drop(old);
        true
    }

    /// Removes a str key from a namespace dict; returns the old value.
    pub fn dict_del_str(&mut self, dict: &ObjRef, key: &ObjRef) -> Option<ObjRef> {
        let h = self.str_hash(key);
        let removed = {
            let mut d = dict.borrow_mut::<DictObj>()?;
            let text = key.get::<StrObj>().map_or("", |s| s.as_str());
            let pos = d.table.lookup(h, |k| {
                k.is(key)
                    || (k.kind() == Kind::Str
                        && k.get::<StrObj>().is_some_and(|s| s.as_str() == text))
            })?;
            d.table.remove_at(pos)
        };
        removed.map(|(_, v)| v)
    }

    /// A str's hash (cached in the object), CPython's with `PYTHONHASHSEED=0`.
    #[inline]
    pub fn str_hash(&self, s: &ObjRef) -> i64 {
        match s.get::<StrObj>() {
            Some(so) => {
                let h = so.cached_hash();
                if h != -1 {
                    return h;
                }
                let h = ouro_algo::hash::hash_str(so.as_str());
                so.set_cached_hash(h);
                h
            }
            None => 0,
        }
    }

    /// Creates a module object with a fresh namespace.
    pub fn new_module(&mut self, name: &str) -> PyResult<ObjRef> {
        let dict = self.new_dict()?;
        let name_obj = self.new_str(name)?;
        let key = self.names.name.clone();
        self.dict_set_str(&dict, &key, name_obj.clone())?;
        let doc = self.names.doc.clone();
        let none = self.none.clone();
        self.dict_set_str(&dict, &doc, none)?;
        let ty = self.ty(T::Module).clone();
        self.alloc(
            &ty,
            ouro_heap::ModuleObj {
                name: name_obj,
                dict,
            },
            false,
        )
    }

    /// The namespace of a module object.
    pub fn module_dict(m: &ObjRef) -> Option<ObjRef> {
        m.get::<ouro_heap::ModuleObj>().map(|m| m.dict.clone())
    }

    /// Writes to the process's stdout (or the capture buffer).
    pub fn write_stdout(&mut self, s: &str) {
        let _ = self.stdout.write_all(s.as_bytes());
        if self.viz.is_some() {
            self.viz_output(s);
        }
    }

    /// Writes to stderr, after flushing stdout so that the two interleave as
    /// a reader of a terminal expects.
    pub fn write_stderr(&mut self, s: &str) {
        let _ = self.stdout.flush();
        let _ = self.stderr.write_all(s.as_bytes());
    }

    pub fn flush(&mut self) {
        let _ = self.stdout.flush();
        let _ = self.stderr.flush();
    }

    /// Captured output (with `Config::capture_output`).
    pub fn take_output(&mut self) -> (String, String) {
        let take = |o: &mut Output| match o {
            Output::Buffer(b) => String::from_utf8_lossy(&std::mem::take(b)).into_owned(),
            _ => String::new(),
        };
        (take(&mut self.stdout), take(&mut self.stderr))
    }

    /// Recomputes the type flags that summarise a class's MRO: `__del__`,
    /// and Python-level attribute hooks (so the common attribute access can
    /// skip looking for them).
    pub(crate) fn update_type_flags(&mut self, ty: &ObjRef) {
        let is_py = |v: Option<ObjRef>| v.is_some_and(|f| f.kind() == Kind::Function);
        let has_del = self.type_lookup(ty, &self.names.del.clone()).is_some();
        let ga = is_py(self.type_lookup(ty, &self.names.getattribute.clone()));
        let sa = is_py(self.type_lookup(ty, &self.names.setattr.clone()))
            || is_py(self.type_lookup(ty, &self.names.delattr.clone()));
        let gat = self.type_lookup(ty, &self.names.getattr.clone()).is_some();
        let mut f = ty.tflags()
            & !(tflags::T_HAS_DEL | tflags::T_GETATTRIBUTE | tflags::T_SETATTR | tflags::T_GETATTR);
        for (on, bit) in [
            (has_del, tflags::T_HAS_DEL),
            (ga, tflags::T_GETATTRIBUTE),
            (sa, tflags::T_SETATTR),
            (gat, tflags::T_GETATTR),
        ] {
            if on {
                f |= bit;
            }
        }
        ty.set_tflags(f);
    }

    /// Whether class `ty` may have Python attribute hooks (`flag` is one of
    /// the `T_GETATTRIBUTE`-style bits). Conservative once any class's
    /// namespace changed a dunder at run time (subclasses' flags may be stale).
    #[inline]
    pub(crate) fn may_hook(&self, ty: &ObjRef, flag: u8) -> bool {
        ty.tflags() & flag != 0 || self.dunders_changed
    }
}

fn alloc_unit(ty: &ObjRef) -> Result<ObjRef, heap::NoMemory> {
    heap::alloc_object(ty, ouro_heap::layout::UnitObj, false)
}

fn placeholder_names(null: &ObjRef) -> Names {
    macro_rules! fill {
        ($($f:ident),*) => { Names { $($f: null.clone(),)* } };
    }
    fill!(
        init,
        new,
        del,
        repr,
        str_,
        eq,
        ne,
        hash,
        name,
        qualname,
        module,
        doc,
        dict,
        class,
        call,
        len,
        iter,
        next,
        getitem,
        setitem,
        delitem,
        contains,
        bool_,
        getattr,
        getattribute,
        setattr,
        delattr,
        get,
        set,
        delete,
        set_name,
        init_subclass,
        index,
        format,
        enter,
        exit,
        classcell,
        main,
        builtins,
        file,
        annotations,
        neg,
        pos,
        invert,
        abs,
        int_,
        float_,
        mro_entries,
        prepare,
        args
    )
}

impl Drop for Vm {
    fn drop(&mut self) {
        self.flush();
    }
}
