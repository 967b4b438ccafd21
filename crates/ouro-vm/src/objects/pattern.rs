//! The run-time half of structural pattern matching (PEP 634), as CPython
//! 3.11's `MATCH_SEQUENCE`, `MATCH_MAPPING`, `MATCH_KEYS`, `MATCH_CLASS`
//! and `COPY_DICT_WITHOUT_KEYS` do it. The compiler does the rest.

use ouro_heap::{Kind, ObjRef, TupleObj};

use crate::error::PyResult;
use crate::types::T;
use crate::vm::Vm;

impl Vm {
    /// Whether `case [...]` may match `o` (CPython's `Py_TPFLAGS_SEQUENCE`:
    /// list, tuple, range and their subclasses; never str or bytes).
    pub(crate) fn match_is_sequence(&self, o: &ObjRef) -> bool {
        matches!(o.kind(), Kind::List | Kind::Tuple | Kind::Range)
    }

    /// Whether `case {...}` may match `o` (dict and its subclasses).
    pub(crate) fn match_is_mapping(&self, o: &ObjRef) -> bool {
        o.kind() == Kind::Dict
    }

    /// `MATCH_KEYS`: the values of `keys` in `subject`, or None if one is
    /// missing. Looked up with `get`, as CPython does, so a `__missing__`
    /// (defaultdict) is not triggered.
    pub(crate) fn match_keys(&mut self, subject: &ObjRef, keys: &ObjRef) -> PyResult<ObjRef> {
        let keys: Vec<ObjRef> = keys
            .get::<TupleObj>()
            .map(|t| t.items().to_vec())
            .unwrap_or_default();
        let exact = self.is_exact(subject, T::Dict);
        let get = if exact {
            None
        } else {
            Some(self.getattr_str(subject, "get")?)
        };
        let dummy = self.null.clone();
        let mut values = Vec::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            for earlier in &keys[..i] {
                if self.eq(earlier, k)? {
                    let r = self.repr_string(k)?;
                    return Err(
                        self.value_error(format!("mapping pattern checks duplicate key ({r})"))
                    );
                }
            }
            let v = match &get {
                None => self.dict_getitem_opt(subject, k)?,
                Some(g) => {
                    let v = self.call(g, vec![k.clone(), dummy.clone()])?;
                    (!v.is(&dummy)).then_some(v)
                }
            };
            match v {
                Some(v) => values.push(v),
                None => return Ok(self.none.clone()),
            }
        }
        self.new_tuple(values)
    }

    /// `COPY_DICT_WITHOUT_KEYS`: `**rest` of a mapping pattern.
    pub(crate) fn dict_without_keys(
        &mut self,
        subject: &ObjRef,
        keys: &ObjRef,
    ) -> PyResult<ObjRef> {
        let rest = self.new_dict()?;
        self.dict_update(&rest, subject)?;
        let keys: Vec<ObjRef> = keys
            .get::<TupleObj>()
            .map(|t| t.items().to_vec())
            .unwrap_or_default();
        for k in &keys {
            self.dict_delitem(&rest, k)?;
        }
        Ok(rest)
    }

    /// `MATCH_CLASS`: the attributes `cls(p0, p1, name=...)` extracts from
    /// `subject`, or None if it does not match.
    pub(crate) fn match_class(
        &mut self,
        subject: &ObjRef,
        cls: &ObjRef,
        npos: usize,
        names: &ObjRef,
    ) -> PyResult<ObjRef> {
        if cls.kind() != Kind::Type {
            return Err(self.type_error("called match pattern must be a type"));
        }
        if !self.isinstance_check(subject, cls)? {
            return Ok(self.none.clone());
        }
        let kw: Vec<ObjRef> = names
            .get::<TupleObj>()
            .map(|t| t.items().to_vec())
            .unwrap_or_default();
        let cname = self.type_name(cls);
        let mut attrs: Vec<ObjRef> = Vec::with_capacity(npos + kw.len());
        let mut seen: Vec<ObjRef> = Vec::new();
        // Positional sub-patterns name attributes through __match_args__;
        // the builtins that match themselves take one.
        let mut self_match = false;
        if npos > 0 {
            let ma = match self.getattr_str(cls, "__match_args__") {
                Ok(m) => Some(m),
                Err(e) if self.err_is(&e, T::AttributeError) => None,
                Err(e) => return Err(e),
            };
            match ma {
                Some(m) => {
                    let Some(items) = m.get::<TupleObj>().map(|t| t.items().to_vec()) else {
                        let tn = self.type_name_of(&m);
                        return Err(self.type_error(format!(
                            "{cname}.__match_args__ must be a tuple (got {tn})"
                        )));
                    };
                    if npos > items.len() {
                        let s = if items.len() == 1 { "" } else { "s" };
                        return Err(self.type_error(format!(
                            "{cname}() accepts {} positional sub-pattern{s} ({npos} given)",
                            items.len()
                        )));
                    }
                    for name in items.into_iter().take(npos) {
                        if name.kind() != Kind::Str {
                            let tn = self.type_name_of(&name);
                            return Err(self.type_error(format!(
                                "__match_args__ elements must be strings (got {tn})"
                            )));
                        }
                        seen.push(name);
                    }
                }
                None => {
                    if self.matches_itself(cls) {
                        if npos > 1 {
                            return Err(self.type_error(format!(
                                "{cname}() accepts 1 positional sub-pattern ({npos} given)"
                            )));
                        }
                        self_match = true;
                    } else {
                        return Err(self.type_error(format!(
                            "{cname}() accepts 0 positional sub-patterns ({npos} given)"
                        )));
                    }
                }
            }
        }
        if self_match {
            attrs.push(subject.clone());
        }
        let positional = std::mem::take(&mut seen);
        for name in positional.iter().chain(kw.iter()) {
            for s in &seen {
                if self.str_of(s) == self.str_of(name) {
                    let r = self.repr_string(name)?;
                    return Err(self.type_error(format!(
                        "{cname}() got multiple sub-patterns for attribute {r}"
                    )));
                }
            }
            seen.push(name.clone());
            match self.getattr(subject, name) {
                Ok(v) => attrs.push(v),
                Err(e) if self.err_is(&e, T::AttributeError) => return Ok(self.none.clone()),
                Err(e) => return Err(e),
            }
        }
        self.new_tuple(attrs)
    }

    /// The builtin classes whose one positional sub-pattern matches the
    /// subject itself (`case int(x)`).
    fn matches_itself(&self, cls: &ObjRef) -> bool {
        [
            T::Bool,
            T::ByteArray,
            T::Bytes,
            T::Dict,
            T::Float,
            T::FrozenSet,
            T::Int,
            T::List,
            T::Set,
            T::Str,
            T::Tuple,
        ]
        .iter()
        .any(|t| self.is_subtype(cls, self.ty(*t)))
    }
}
