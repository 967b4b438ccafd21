//! Symbol tables: which scope each name belongs to. Mirrors CPython's
//! `Python/symtable.c` — a first pass records how each block uses each name
//! (`DEF_LOCAL`, `DEF_PARAM`, `DEF_GLOBAL`, `DEF_NONLOCAL`, `USE`), a second
//! pass (`analyze_block`) decides local, global, free or cell.

use std::collections::HashMap;

use ruff_python_ast::{self as ast, Expr, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::error::{CompileError, ErrorKind};

pub type ScopeId = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

impl ScopeKind {
    pub fn is_function_like(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }
}

/// Where a name lives, after analysis. Mirrors CPython's scope constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

pub mod def {
    pub const GLOBAL: u32 = 1;
    pub const LOCAL: u32 = 2;
    pub const PARAM: u32 = 4;
    pub const NONLOCAL: u32 = 8;
    pub const USE: u32 = 16;
    pub const FREE_CLASS: u32 = 32;
    pub const IMPORT: u32 = 64;
    pub const ANNOT: u32 = 128;
    pub const BOUND: u32 = LOCAL | PARAM | IMPORT;
}

#[derive(Clone, Debug)]
pub struct Symbol {
    pub flags: u32,
    pub scope: NameScope,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    /// Names in first-seen order, with their flags.
    pub symbols: Vec<(String, Symbol)>,
    index: HashMap<String, usize>,
    /// Parameters in `co_varnames` order.
    pub params: Vec<String>,
    pub children: Vec<ScopeId>,
    pub parent: Option<ScopeId>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    /// A method that uses `super` or `__class__`: needs the `__class__` cell.
    pub needs_class_closure: bool,
    /// A class whose methods need `__class__`.
    pub has_class_cell: bool,
    pub has_annotations: bool,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, parent: Option<ScopeId>) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            symbols: Vec::new(),
            index: HashMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            parent,
            is_generator: false,
            is_coroutine: false,
            needs_class_closure: false,
            has_class_cell: false,
            has_annotations: false,
            cellvars: Vec::new(),
            freevars: Vec::new(),
        }
    }

    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.symbols[i].1)
    }

    fn entry(&mut self, name: &str) -> &mut Symbol {
        let i = match self.index.get(name) {
            Some(&i) => i,
            None => {
                self.symbols.push((
                    name.to_string(),
                    Symbol {
                        flags: 0,
                        scope: NameScope::GlobalImplicit,
                    },
                ));
                self.index.insert(name.to_string(), self.symbols.len() - 1);
                self.symbols.len() - 1
            }
        };
        &mut self.symbols[i].1
    }

    /// The analysed scope of `name` (names never seen are implicit globals).
    pub fn scope_of(&self, name: &str) -> NameScope {
        self.lookup(name)
            .map_or(NameScope::GlobalImplicit, |s| s.scope)
    }
}

#[derive(Debug, Default)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    /// Scope of each function, lambda, class and comprehension node, keyed
    /// by the node's start offset.
    by_node: HashMap<u32, ScopeId>,
}

impl SymbolTable {
    pub fn scope_for(&self, range: TextRange) -> Option<ScopeId> {
        self.by_node.get(&range.start().to_u32()).copied()
    }
}

struct Builder<'a> {
    table: SymbolTable,
    stack: Vec<ScopeId>,
    source: &'a str,
    filename: &'a str,
}

/// Builds and analyses the symbol table of a module.
pub fn build(body: &[Stmt], source: &str, filename: &str) -> Result<SymbolTable, CompileError> {
    let mut b = Builder {
        table: SymbolTable::default(),
        stack: Vec::new(),
        source,
        filename,
    };
    b.enter(ScopeKind::Module, "top", None);
    for s in body {
        b.stmt(s)?;
    }
    b.stack.pop();
    let mut table = b.table;
    analyze(&mut table, source, filename)?;
    Ok(table)
}

/// Builds the table for a single expression (eval mode).
pub fn build_expr(expr: &Expr, source: &str, filename: &str) -> Result<SymbolTable, CompileError> {
    let mut b = Builder {
        table: SymbolTable::default(),
        stack: Vec::new(),
        source,
        filename,
    };
    b.enter(ScopeKind::Module, "top", None);
    b.expr(expr)?;
    b.stack.pop();
    let mut table = b.table;
    analyze(&mut table, source, filename)?;
    Ok(table)
}

impl Builder<'_> {
    fn enter(&mut self, kind: ScopeKind, name: &str, node: Option<TextRange>) -> ScopeId {
        let parent = self.stack.last().copied();
        let id = self.table.scopes.len();
        self.table.scopes.push(Scope::new(kind, name, parent));
        if let Some(p) = parent {
            self.table.scopes[p].children.push(id);
        }
        if let Some(r) = node {
            self.table.by_node.insert(r.start().to_u32(), id);
        }
        self.stack.push(id);
        id
    }

    fn cur(&mut self) -> &mut Scope {
        let id = *self.stack.last().unwrap_or(&0);
        &mut self.table.scopes[id]
    }

    fn error(&self, msg: impl Into<String>, range: TextRange) -> CompileError {
        CompileError::at(
            ErrorKind::SyntaxError,
            msg,
            self.source,
            self.filename,
            range,
        )
    }

    fn add_def(&mut self, name: &str, flag: u32, range: TextRange) -> Result<(), CompileError> {
        let scope = self.cur();
        let sym = scope.entry(name);
        if flag & def::PARAM != 0 && sym.flags & def::PARAM != 0 {
            return Err(self.error(
                format!("duplicate argument '{name}' in function definition"),
                range,
            ));
        }
        sym.flags |= flag;
        Ok(())
    }

    fn declare(&mut self, name: &str, flag: u32, range: TextRange) -> Result<(), CompileError> {
        let kind = self.cur().kind;
        let existing = self.cur().lookup(name).map(|s| s.flags).unwrap_or(0);
        let what = if flag == def::GLOBAL {
            "global"
        } else {
            "nonlocal"
        };
        if flag == def::NONLOCAL && kind == ScopeKind::Module {
            return Err(self.error("nonlocal declaration not allowed at module level", range));
        }
        if existing & def::PARAM != 0 {
            return Err(self.error(format!("name '{name}' is parameter and {what}"), range));
        }
        if flag == def::GLOBAL && existing & def::NONLOCAL != 0 {
            return Err(self.error(format!("name '{name}' is nonlocal and global"), range));
        }
        if flag == def::NONLOCAL && existing & def::GLOBAL != 0 {
            return Err(self.error(format!("name '{name}' is nonlocal and global"), range));
        }
        if existing & def::USE != 0 {
            return Err(self.error(
                format!("name '{name}' is used prior to {what} declaration"),
                range,
            ));
        }
        if existing & def::LOCAL != 0 {
            return Err(self.error(
                format!("name '{name}' is assigned to before {what} declaration"),
                range,
            ));
        }
        self.cur().entry(name).flags |= flag;
        Ok(())
    }

    fn body(&mut self, stmts: &[Stmt]) -> Result<(), CompileError> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn params(&mut self, params: &ast::Parameters) -> Result<(), CompileError> {
        let mut order: Vec<&ast::Parameter> = Vec::new();
        for p in params.posonlyargs.iter().chain(params.args.iter()) {
            order.push(&p.parameter);
        }
        for p in params.kwonlyargs.iter() {
            order.push(&p.parameter);
        }
        if let Some(v) = &params.vararg {
            order.push(v);
        }
        if let Some(k) = &params.kwarg {
            order.push(k);
        }
        for p in order {
            self.add_def(p.name.as_str(), def::PARAM, p.range())?;
            self.cur().params.push(p.name.to_string());
        }
        Ok(())
    }

    /// Defaults and annotations are evaluated in the enclosing scope.
    fn param_defaults(
        &mut self,
        params: &ast::Parameters,
        annotations: bool,
    ) -> Result<(), CompileError> {
        for p in params
            .posonlyargs
            .iter()
            .chain(params.args.iter())
            .chain(params.kwonlyargs.iter())
        {
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
            if annotations {
                if let Some(a) = &p.parameter.annotation {
                    self.expr(a)?;
                }
            }
        }
        if annotations {
            for p in params.vararg.iter().chain(params.kwarg.iter()) {
                if let Some(a) = &p.annotation {
                    self.expr(a)?;
                }
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), CompileError> {
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression)?;
                }
                self.param_defaults(&f.parameters, true)?;
                if let Some(r) = &f.returns {
                    self.expr(r)?;
                }
                self.add_def(f.name.as_str(), def::LOCAL, f.name.range())?;
                let id = self.enter(ScopeKind::Function, f.name.as_str(), Some(s.range()));
                if f.is_async {
                    self.table.scopes[id].is_coroutine = true;
                }
                self.params(&f.parameters)?;
                self.body(&f.body)?;
                self.stack.pop();
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.expr(&d.expression)?;
                }
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.expr(a)?;
                    }
                    for k in args.keywords.iter() {
                        self.expr(&k.value)?;
                    }
                }
                self.add_def(c.name.as_str(), def::LOCAL, c.name.range())?;
                self.enter(ScopeKind::Class, c.name.as_str(), Some(s.range()));
                self.body(&c.body)?;
                self.stack.pop();
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v)?;
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.expr(t)?;
                }
            }
            Stmt::Assign(a) => {
                for t in &a.targets {
                    self.expr(t)?;
                }
                self.expr(&a.value)?;
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.target)?;
                self.expr(&a.value)?;
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    let cur = self
                        .cur()
                        .lookup(n.id.as_str())
                        .map(|s| s.flags)
                        .unwrap_or(0);
                    if cur & (def::GLOBAL | def::NONLOCAL) != 0 && a.simple {
                        return Err(self.error(
                            format!("annotated name '{}' can't be global", n.id),
                            n.range(),
                        ));
                    }
                    self.add_def(n.id.as_str(), def::LOCAL | def::ANNOT, n.range())?;
                } else {
                    self.expr(&a.target)?;
                }
                let kind = self.cur().kind;
                if !kind.is_function_like() {
                    self.cur().has_annotations = true;
                    self.expr(&a.annotation)?;
                }
                if let Some(v) = &a.value {
                    self.expr(v)?;
                }
            }
            Stmt::TypeAlias(t) => {
                return Err(self.error("type aliases are not supported in Python 3.11", t.range()));
            }
            Stmt::For(f) => {
                self.expr(&f.target)?;
                self.expr(&f.iter)?;
                self.body(&f.body)?;
                self.body(&f.orelse)?;
            }
            Stmt::While(w) => {
                self.expr(&w.test)?;
                self.body(&w.body)?;
                self.body(&w.orelse)?;
            }
            Stmt::If(i) => {
                self.expr(&i.test)?;
                self.body(&i.body)?;
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.expr(t)?;
                    }
                    self.body(&c.body)?;
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.expr(v)?;
                    }
                }
                self.body(&w.body)?;
            }
            Stmt::Match(m) => {
                self.expr(&m.subject)?;
                for case in &m.cases {
                    self.pattern(&case.pattern)?;
                    if let Some(g) = &case.guard {
                        self.expr(g)?;
                    }
                    self.body(&case.body)?;
                }
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                }
                if let Some(c) = &r.cause {
                    self.expr(c)?;
                }
            }
            Stmt::Try(t) => {
                self.body(&t.body)?;
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty)?;
                    }
                    if let Some(n) = &h.name {
                        self.add_def(n.as_str(), def::LOCAL, n.range())?;
                    }
                    self.body(&h.body)?;
                }
                self.body(&t.orelse)?;
                self.body(&t.finalbody)?;
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                }
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    let bound = match &alias.asname {
                        Some(a) => a.to_string(),
                        None => alias.name.split('.').next().unwrap_or_default().to_string(),
                    };
                    self.add_def(&bound, def::IMPORT, alias.range())?;
                }
            }
            Stmt::ImportFrom(i) => {
                for alias in &i.names {
                    if alias.name.as_str() == "*" {
                        if self.cur().kind != ScopeKind::Module {
                            return Err(
                                self.error("import * only allowed at module level", s.range())
                            );
                        }
                        continue;
                    }
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.add_def(bound.as_str(), def::IMPORT, alias.range())?;
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    self.declare(n.as_str(), def::GLOBAL, g.range())?;
                }
            }
            Stmt::Nonlocal(g) => {
                for n in &g.names {
                    self.declare(n.as_str(), def::NONLOCAL, g.range())?;
                }
            }
            Stmt::Expr(e) => self.expr(&e.value)?,
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::IpyEscapeCommand(i) => return Err(self.error("invalid syntax", i.range())),
        }
        Ok(())
    }

    fn pattern(&mut self, p: &Pattern) -> Result<(), CompileError> {
        match p {
            Pattern::MatchValue(v) => self.expr(&v.value)?,
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(s) => {
                for p in &s.patterns {
                    self.pattern(p)?;
                }
            }
            Pattern::MatchMapping(m) => {
                for k in m.keys.iter() {
                    self.expr(k)?;
                }
                for p in m.patterns.iter() {
                    self.pattern(p)?;
                }
                if let Some(r) = &m.rest {
                    self.add_def(r.as_str(), def::LOCAL, r.range())?;
                }
            }
            Pattern::MatchClass(c) => {
                self.expr(&c.cls)?;
                for p in c.arguments.patterns.iter() {
                    self.pattern(p)?;
                }
                for k in &c.arguments.keywords {
                    self.pattern(&k.pattern)?;
                }
            }
            Pattern::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.add_def(n.as_str(), def::LOCAL, n.range())?;
                }
            }
            Pattern::MatchAs(a) => {
                if let Some(p) = &a.pattern {
                    self.pattern(p)?;
                }
                if let Some(n) = &a.name {
                    self.add_def(n.as_str(), def::LOCAL, n.range())?;
                }
            }
            Pattern::MatchOr(o) => {
                for p in &o.patterns {
                    self.pattern(p)?;
                }
            }
        }
        Ok(())
    }

    fn name_use(
        &mut self,
        name: &str,
        ctx: ast::ExprContext,
        range: TextRange,
    ) -> Result<(), CompileError> {
        match ctx {
            ast::ExprContext::Load => {
                let scope = self.cur();
                scope.entry(name).flags |= def::USE;
                // A method using `super` or `__class__` needs the class cell.
                if (name == "super" || name == "__class__") && scope.kind.is_function_like() {
                    scope.needs_class_closure = true;
                    scope.entry("__class__").flags |= def::USE;
                }
                Ok(())
            }
            _ => self.add_def(name, def::LOCAL, range),
        }
    }

    fn comprehension(
        &mut self,
        node: TextRange,
        name: &str,
        generators: &[ast::Comprehension],
        elts: &[&Expr],
        is_generator: bool,
    ) -> Result<(), CompileError> {
        // The first iterable is evaluated in the enclosing scope.
        let Some(first) = generators.first() else {
            return Ok(());
        };
        self.expr(&first.iter)?;
        let id = self.enter(ScopeKind::Comprehension, name, Some(node));
        self.table.scopes[id].is_generator = is_generator;
        self.add_def(".0", def::PARAM, node)?;
        self.table.scopes[id].params.push(".0".to_string());
        for (i, g) in generators.iter().enumerate() {
            self.comp_target(&g.target)?;
            if i > 0 {
                self.expr(&g.iter)?;
            }
            for cond in &g.ifs {
                self.expr(cond)?;
            }
            if g.is_async {
                self.table.scopes[id].is_coroutine = true;
            }
        }
        for e in elts {
            self.expr(e)?;
        }
        self.stack.pop();
        Ok(())
    }

    fn comp_target(&mut self, e: &Expr) -> Result<(), CompileError> {
        self.expr(e)
    }

    /// A walrus target binds in the nearest enclosing non-comprehension scope.
    fn named_target(&mut self, name: &str, range: TextRange) -> Result<(), CompileError> {
        let mut idx = self.stack.len();
        while idx > 0 {
            idx -= 1;
            let id = self.stack[idx];
            let kind = self.table.scopes[id].kind;
            if kind == ScopeKind::Comprehension {
                let flags = self.table.scopes[id].lookup(name).map_or(0, |s| s.flags);
                if flags & def::LOCAL != 0 {
                    return Err(self.error(
                        format!(
                            "assignment expression cannot rebind comprehension iteration variable '{name}'"
                        ),
                        range,
                    ));
                }
                continue;
            }
            if kind == ScopeKind::Class {
                return Err(self.error(
                    "assignment expression within a comprehension cannot be used in a class body",
                    range,
                ));
            }
            // Bind here; the comprehensions in between see it as free. A
            // name the function declares `global` (or `nonlocal`) keeps that
            // declaration: the comprehensions bind it there too.
            let is_function = kind.is_function_like();
            let declared = self.table.scopes[id]
                .lookup(name)
                .map_or(0, |s| s.flags & (def::GLOBAL | def::NONLOCAL));
            let flag = if declared != 0 {
                declared
            } else {
                self.table.scopes[id].entry(name).flags |= def::LOCAL;
                if is_function {
                    def::NONLOCAL
                } else {
                    def::GLOBAL
                }
            };
            for &inner in &self.stack[idx + 1..] {
                self.table.scopes[inner].entry(name).flags |= flag;
            }
            return Ok(());
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Result<(), CompileError> {
        match e {
            Expr::BoolOp(b) => {
                for v in &b.values {
                    self.expr(v)?;
                }
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                if let Expr::Name(name) = &*n.target {
                    if self.cur().kind == ScopeKind::Comprehension {
                        self.named_target(name.id.as_str(), name.range())?;
                    } else {
                        self.add_def(name.id.as_str(), def::LOCAL, name.range())?;
                    }
                } else {
                    self.expr(&n.target)?;
                }
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
            }
            Expr::UnaryOp(u) => self.expr(&u.operand)?,
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.param_defaults(p, false)?;
                }
                self.enter(ScopeKind::Lambda, "<lambda>", Some(e.range()));
                if let Some(p) = &l.parameters {
                    self.params(p)?;
                }
                self.expr(&l.body)?;
                self.stack.pop();
            }
            Expr::If(i) => {
                self.expr(&i.test)?;
                self.expr(&i.body)?;
                self.expr(&i.orelse)?;
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    if let Some(k) = &item.key {
                        self.expr(k)?;
                    }
                    self.expr(&item.value)?;
                }
            }
            Expr::Set(s) => {
                for v in &s.elts {
                    self.expr(v)?;
                }
            }
            Expr::ListComp(c) => {
                self.comprehension(e.range(), "<listcomp>", &c.generators, &[&c.elt], false)?
            }
            Expr::SetComp(c) => {
                self.comprehension(e.range(), "<setcomp>", &c.generators, &[&c.elt], false)?
            }
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = Vec::new();
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                elts.push(&c.value);
                self.comprehension(e.range(), "<dictcomp>", &c.generators, &elts, false)?
            }
            Expr::Generator(c) => {
                self.comprehension(e.range(), "<genexpr>", &c.generators, &[&c.elt], true)?
            }
            Expr::Await(a) => {
                self.check_in_function("'await' outside function", e.range())?;
                self.cur().is_coroutine = true;
                self.expr(&a.value)?;
            }
            Expr::Yield(y) => {
                self.check_yield(e.range())?;
                if let Some(v) = &y.value {
                    self.expr(v)?;
                }
            }
            Expr::YieldFrom(y) => {
                self.check_yield(e.range())?;
                self.expr(&y.value)?;
            }
            Expr::Compare(c) => {
                self.expr(&c.left)?;
                for v in c.comparators.iter() {
                    self.expr(v)?;
                }
            }
            Expr::Call(c) => {
                self.expr(&c.func)?;
                for a in c.arguments.args.iter() {
                    self.expr(a)?;
                }
                for k in c.arguments.keywords.iter() {
                    self.expr(&k.value)?;
                }
            }
            Expr::FString(f) => {
                for part in f.value.as_slice() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.fstring_elements(&fs.elements)?;
                    }
                }
            }
            Expr::TString(t) => return Err(self.error("invalid syntax", t.range())),
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {}
            Expr::Attribute(a) => self.expr(&a.value)?,
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
            }
            Expr::Starred(s) => self.expr(&s.value)?,
            Expr::Name(n) => self.name_use(n.id.as_str(), n.ctx, n.range())?,
            Expr::List(l) => {
                for v in &l.elts {
                    self.expr(v)?;
                }
            }
            Expr::Tuple(t) => {
                for v in &t.elts {
                    self.expr(v)?;
                }
            }
            Expr::Slice(s) => {
                for v in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(v)?;
                }
            }
            Expr::IpyEscapeCommand(i) => return Err(self.error("invalid syntax", i.range())),
        }
        Ok(())
    }

    fn fstring_elements(
        &mut self,
        elements: &ast::InterpolatedStringElements,
    ) -> Result<(), CompileError> {
        for el in elements.iter() {
            if let ast::InterpolatedStringElement::Interpolation(i) = el {
                self.expr(&i.expression)?;
                if let Some(spec) = &i.format_spec {
                    self.fstring_elements(&spec.elements)?;
                }
            }
        }
        Ok(())
    }

    fn check_in_function(&self, msg: &str, range: TextRange) -> Result<(), CompileError> {
        let id = *self.stack.last().unwrap_or(&0);
        if self.table.scopes[id].kind.is_function_like() {
            Ok(())
        } else {
            Err(self.error(msg, range))
        }
    }

    fn check_yield(&mut self, range: TextRange) -> Result<(), CompileError> {
        let id = *self.stack.last().unwrap_or(&0);
        let kind = self.table.scopes[id].kind;
        match kind {
            ScopeKind::Function | ScopeKind::Lambda => {
                self.table.scopes[id].is_generator = true;
                Ok(())
            }
            ScopeKind::Comprehension => Err(self.error("'yield' inside list comprehension", range)),
            _ => Err(self.error("'yield' outside function", range)),
        }
    }
}

/// Decides the scope of every name. Mirrors CPython's `analyze_block`.
fn analyze(table: &mut SymbolTable, source: &str, filename: &str) -> Result<(), CompileError> {
    let mut out = Analysis {
        table,
        source,
        filename,
    };
    let empty = Vec::new();
    out.block(0, &empty, &empty)?;
    Ok(())
}

struct Analysis<'a> {
    table: &'a mut SymbolTable,
    source: &'a str,
    filename: &'a str,
}

impl Analysis<'_> {
    /// Analyses scope `id` given the names bound in enclosing function scopes
    /// (`bound`) and declared global above (`global`); returns the names free
    /// in this scope or its children.
    fn block(
        &mut self,
        id: ScopeId,
        bound: &[String],
        global: &[String],
    ) -> Result<Vec<String>, CompileError> {
        let kind = self.table.scopes[id].kind;
        let mut local: Vec<String> = Vec::new();
        let mut newglobal: Vec<String> = global.to_vec();
        let mut free: Vec<String> = Vec::new();

        // Decide each name's scope (CPython's analyze_name).
        let names: Vec<(String, u32)> = self.table.scopes[id]
            .symbols
            .iter()
            .map(|(n, s)| (n.clone(), s.flags))
            .collect();
        for (name, flags) in &names {
            let scope = if flags & def::GLOBAL != 0 {
                if !newglobal.contains(name) {
                    newglobal.push(name.clone());
                }
                NameScope::GlobalExplicit
            } else if flags & def::NONLOCAL != 0 {
                if !bound.contains(name) {
                    return Err(CompileError::at(
                        ErrorKind::SyntaxError,
                        format!("no binding for nonlocal '{name}' found"),
                        self.source,
                        self.filename,
                        TextRange::default(),
                    ));
                }
                free.push(name.clone());
                NameScope::Free
            } else if flags & def::BOUND != 0 {
                local.push(name.clone());
                newglobal.retain(|g| g != name);
                NameScope::Local
            } else if kind != ScopeKind::Module && bound.contains(name) && !global.contains(name) {
                free.push(name.clone());
                NameScope::Free
            } else {
                NameScope::GlobalImplicit
            };
            if let Some(sym) = self.table.scopes[id]
                .symbols
                .iter_mut()
                .find(|(n, _)| n == name)
            {
                sym.1.scope = scope;
            }
        }

        // What children see as bound in enclosing functions.
        let mut newbound: Vec<String> = bound.to_vec();
        if kind.is_function_like() {
            for l in &local {
                if !newbound.contains(l) {
                    newbound.push(l.clone());
                }
            }
        }
        if kind == ScopeKind::Class {
            // Methods may refer to the implicit __class__ cell.
            if !newbound.iter().any(|n| n == "__class__") {
                newbound.push("__class__".to_string());
            }
        }

        let children = self.table.scopes[id].children.clone();
        let mut child_free: Vec<String> = Vec::new();
        for c in children {
            let f = self.block(c, &newbound, &newglobal)?;
            for n in f {
                if !child_free.contains(&n) {
                    child_free.push(n);
                }
            }
        }

        // Names free in children: cells if local here (in functions), else
        // free here too (they pass through).
        let mut cellvars = Vec::new();
        for name in &child_free {
            if kind == ScopeKind::Class && name == "__class__" {
                self.table.scopes[id].has_class_cell = true;
                if !cellvars.contains(name) {
                    cellvars.push(name.clone());
                }
                continue;
            }
            let sym_scope = self.table.scopes[id].lookup(name).map(|s| s.scope);
            match sym_scope {
                Some(NameScope::Local) if kind.is_function_like() => {
                    if let Some(sym) = self.table.scopes[id]
                        .symbols
                        .iter_mut()
                        .find(|(n, _)| n == name)
                    {
                        sym.1.scope = NameScope::Cell;
                    }
                    if !cellvars.contains(name) {
                        cellvars.push(name.clone());
                    }
                }
                Some(NameScope::GlobalExplicit) => {}
                Some(NameScope::Local) if kind == ScopeKind::Class => {
                    // Bound in the class and free in a method: the class
                    // passes the outer variable through (DEF_FREE_CLASS).
                    if let Some(sym) = self.table.scopes[id]
                        .symbols
                        .iter_mut()
                        .find(|(n, _)| n == name)
                    {
                        sym.1.flags |= def::FREE_CLASS;
                    }
                    if !free.contains(name) {
                        free.push(name.clone());
                    }
                }
                _ => {
                    if kind == ScopeKind::Module {
                        continue;
                    }
                    if !free.contains(name) {
                        free.push(name.clone());
                    }
                    if self.table.scopes[id].lookup(name).is_none()
                        || matches!(sym_scope, Some(NameScope::GlobalImplicit))
                    {
                        let s = &mut self.table.scopes[id];
                        s.entry(name).scope = NameScope::Free;
                    }
                }
            }
        }
        // `__class__` used directly in a method is free there.
        cellvars.sort();
        let mut freevars: Vec<String> = free
            .iter()
            .filter(|n| {
                self.table.scopes[id]
                    .lookup(n)
                    .is_some_and(|s| s.scope == NameScope::Free || s.flags & def::FREE_CLASS != 0)
            })
            .cloned()
            .collect();
        freevars.sort();
        freevars.dedup();
        let scope = &mut self.table.scopes[id];
        scope.cellvars = cellvars;
        scope.freevars = freevars;
        Ok(free)
    }
}
