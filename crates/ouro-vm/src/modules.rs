//! Builtin modules implemented in Rust (other than `builtins` and `sys`,
//! which exist from startup).

use ouro_heap::ObjRef;

use crate::error::PyResult;
use crate::vm::Vm;

/// The builtin module `name`, made on first import; None if there is none.
pub(crate) fn builtin_module(vm: &mut Vm, name: &str) -> PyResult<Option<ObjRef>> {
    Ok(match name {
        "gc" => Some(crate::gcmodule::make_module(vm)?),
        _ => None,
    })
}
