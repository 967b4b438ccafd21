//! `Vm::teardown`, the core of `ouro --leak-check`: after a program ends and
//! the interpreter is torn down, nothing but the preallocated core may stay
//! alive, and a leaked object must be reported by kind.

use ouro_vm::{Config, Vm};

fn config() -> Config {
    Config {
        argv: vec![String::new()],
        max_heap: None,
        capture_output: true,
        gc_stress: false,
    }
}

fn run(vm: &mut Vm, src: &str) {
    assert_eq!(
        vm.run_main(src, "<test>", None),
        0,
        "{:?}",
        vm.take_output()
    );
}

#[test]
fn program_with_cycles_leaves_nothing() {
    // Each test runs on its own thread, so each has a fresh heap.
    let mut vm = Vm::new(config()).unwrap();
    run(
        &mut vm,
        "import gc, weakref\n\
         class A:\n    def __del__(self): pass\n\
         a = A(); a.self = a; b = [a]; b.append(b)\n\
         d = {'d': None}; d['d'] = d\n\
         r = weakref.ref(a, lambda w: None)\n\
         f = weakref.finalize(a, print, 'bye')\n\
         def outer():\n    def inner(): return inner\n    return inner\n\
         g = outer()\n",
    );
    vm.finalize();
    assert_eq!(vm.teardown(), vec![]);
}

#[test]
fn leaked_object_is_reported_by_kind() {
    let mut vm = Vm::new(config()).unwrap();
    run(&mut vm, "x = [1, 2, 3]\n");
    // A reference nobody will ever give back: a leak.
    let leaked = vm.new_list(Vec::new()).unwrap();
    std::mem::forget(leaked);
    vm.finalize();
    assert_eq!(vm.teardown(), vec![("list", 1)]);
}
