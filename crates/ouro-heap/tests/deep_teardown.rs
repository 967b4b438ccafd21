//! Teardown of deep structures uses an explicit stack, not Rust recursion:
//! each test runs in a thread with a deliberately small stack, where even a
//! few thousand levels of recursion through `drop` would overflow.

mod common;

use common::*;
use ouro_heap::heap::alloc_stats;
use ouro_heap::{heap_stats, tflags, Kind, ObjRef};

const SMALL_STACK: usize = 256 * 1024;

fn on_small_stack(name: &str, f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .name(name.to_owned())
        .stack_size(SMALL_STACK)
        .spawn(f)
        .expect("spawn the test thread")
        .join()
        .expect("the test thread panicked");
}

#[test]
fn ten_million_deep_list_chain_is_freed_without_recursion() {
    on_small_stack("list-chain", || {
        const DEPTH: usize = 10_000_000;
        let fx = Fx::new();
        let base = heap_stats();
        let base_blocks = alloc_stats().blocks_in_use;
        // Each node is a list holding the previous one: [[[...[]...]]].
        let mut cur = fx.list(Vec::new());
        for _ in 1..DEPTH {
            cur = fx.list(vec![cur]);
        }
        assert_eq!(live(Kind::List), base.live[Kind::List as usize] + DEPTH);
        assert_eq!(cur.refcount(), 1);
        drop(cur);
        let end = heap_stats();
        assert_eq!(end.live, base.live);
        assert_eq!(end.freed_total, base.freed_total + DEPTH as u64);
        // The last lists freed stay on the list free list until cleared.
        ouro_heap::heap::clear_free_lists();
        assert_eq!(alloc_stats().blocks_in_use, base_blocks);
    });
}

#[test]
fn long_chain_of_instances_with_attribute_tails_is_freed() {
    on_small_stack("attrs-chain", || {
        const DEPTH: usize = 2_000_000;
        let fx = Fx::new();
        // A class made by a `class` statement: every instance also holds a
        // reference to it, released after its attributes.
        let cls = fx.new_type(Kind::Object, tflags::T_HEAP | tflags::T_HAS_ATTRS);
        let name = fx.str("next");
        let base = heap_stats();
        let base_blocks = alloc_stats().blocks_in_use;
        let mut cur = fx.instance(&cls, Vec::new());
        for _ in 1..DEPTH {
            cur = fx.instance(&cls, vec![(name.clone(), cur)]);
        }
        assert_eq!(cls.refcount() as usize, DEPTH + 1);
        assert_eq!(name.refcount() as usize, DEPTH);
        assert_eq!(live_total(), base.live_total() + DEPTH);
        drop(cur);
        assert_eq!(heap_stats().live, base.live);
        assert_eq!(cls.refcount(), 1);
        assert_eq!(name.refcount(), 1);
        assert_eq!(alloc_stats().blocks_in_use, base_blocks);
    });
}

#[test]
fn deep_chain_through_every_container_kind_is_freed() {
    on_small_stack("mixed-chain", || {
        const DEPTH: usize = 1_200_000;
        let fx = Fx::new();
        let cls = fx.new_type(Kind::Object, tflags::T_HEAP);
        let base = heap_stats();
        let mut cur: ObjRef = fx.native("bottom", Vec::new());
        for i in 0..DEPTH {
            cur = match i % 6 {
                0 => fx.list(vec![fx.int(i as i64), cur]),
                1 => fx.tuple(vec![cur, fx.str("x")]),
                2 => fx.dict(vec![(fx.int(i as i64), cur)]),
                3 => fx.cell(Some(cur)),
                4 => fx.instance(&cls, vec![(fx.str("a"), cur)]),
                _ => fx.native("n", vec![cur]),
            };
        }
        drop(cur);
        assert_eq!(heap_stats().live, base.live);
        let log = take_log();
        assert_eq!(log.len(), 1 + DEPTH / 6);
        // The outermost native starts teardown first, the bottom one last.
        assert_eq!(log.last().map(String::as_str), Some("bottom"));
        assert_eq!(cls.refcount(), 1);
    });
}

#[test]
fn deep_chain_ending_in_a_finalizable_object_queues_it() {
    on_small_stack("finalizable-chain", || {
        const DEPTH: usize = 500_000;
        let fx = Fx::new();
        let fin_ty = fx.new_type(Kind::Native, tflags::T_HAS_DEL);
        let base = heap_stats();
        let mut cur = native_of(&fin_ty, "fin", Vec::new(), false);
        for _ in 0..DEPTH {
            cur = fx.list(vec![cur]);
        }
        drop(cur);
        // Everything but the finalizable object is gone; it waits for its
        // finalizer with its count owned by the queue.
        assert_eq!(live_total(), base.live_total() + 1);
        assert_eq!(ouro_heap::pending_finalizer_count(), 1);
        let f = common::take_pending_finalizer().unwrap();
        assert_eq!(label_of(&f), "fin");
        assert_eq!(f.refcount(), 1);
        f.set_flag(ouro_heap::flags::F_FINALIZED, true);
        drop(f);
        assert_eq!(heap_stats().live, base.live);
        assert_eq!(take_log(), ["fin"]);
    });
}

#[test]
fn wide_list_of_deep_chains_is_freed_in_order() {
    on_small_stack("wide-deep", || {
        const WIDTH: usize = 50;
        const DEPTH: usize = 20_000;
        let fx = Fx::new();
        let base = heap_stats();
        let chains: Vec<ObjRef> = (0..WIDTH)
            .map(|w| {
                let mut cur = fx.native(&format!("leaf{w}"), Vec::new());
                for _ in 0..DEPTH {
                    cur = fx.list(vec![cur]);
                }
                cur
            })
            .collect();
        let outer = fx.list(chains);
        drop(outer);
        // Items last to first, each chain down to its leaf before the next.
        let expected: Vec<String> = (0..WIDTH).rev().map(|w| format!("leaf{w}")).collect();
        assert_eq!(take_log(), expected);
        assert_eq!(heap_stats().live, base.live);
    });
}
