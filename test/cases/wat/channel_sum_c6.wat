(module
  (type (;0;) (func (param i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $f (type 0) (param $x i32) (param $end i32) (param $acc i32)
    (local $p i32) (local $acc0 v128) (local $acc1 v128) (local $acc2 v128)
    local.get $x
    local.set $p
    block  ;; label = @1
      loop  ;; label = @2
        local.get $p
        local.get $end
        i32.ge_u
        br_if 1 (;@1;)
        local.get $p
        v128.load align=4
        local.get $acc0
        f32x4.add
        local.set $acc0
        local.get $p
        v128.load offset=16 align=4
        local.get $acc1
        f32x4.add
        local.set $acc1
        local.get $p
        v128.load offset=32 align=4
        local.get $acc2
        f32x4.add
        local.set $acc2
        local.get $p
        i32.const 48
        i32.add
        local.set $p
        br 0 (;@2;)
      end
    end
    local.get $acc
    local.get $acc0
    v128.store align=4
    local.get $acc
    local.get $acc1
    v128.store offset=16 align=4
    local.get $acc
    local.get $acc2
    v128.store offset=32 align=4)
  (export "f" (func $f)))
