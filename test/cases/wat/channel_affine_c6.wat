(module
  (type (;0;) (func (param i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $f (type 0) (param $x i32) (param $end i32) (param $out i32) (param $ab i32)
    (local $p i32) (local $q i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $b0 v128) (local $b1 v128) (local $b2 v128)
    local.get $ab
    v128.load align=4
    local.set $a0
    local.get $ab
    v128.load offset=16 align=4
    local.set $a1
    local.get $ab
    v128.load offset=32 align=4
    local.set $a2
    local.get $ab
    v128.load offset=48 align=4
    local.set $b0
    local.get $ab
    v128.load offset=64 align=4
    local.set $b1
    local.get $ab
    v128.load offset=80 align=4
    local.set $b2
    local.get $x
    local.set $p
    local.get $out
    local.set $q
    block  ;; label = @1
      loop  ;; label = @2
        local.get $p
        local.get $end
        i32.ge_u
        br_if 1 (;@1;)
        local.get $q
        local.get $p
        v128.load align=4
        local.get $a0
        f32x4.mul
        local.get $b0
        f32x4.add
        v128.store align=4
        local.get $q
        local.get $p
        v128.load offset=16 align=4
        local.get $a1
        f32x4.mul
        local.get $b1
        f32x4.add
        v128.store offset=16 align=4
        local.get $q
        local.get $p
        v128.load offset=32 align=4
        local.get $a2
        f32x4.mul
        local.get $b2
        f32x4.add
        v128.store offset=32 align=4
        local.get $p
        i32.const 48
        i32.add
        local.set $p
        local.get $q
        i32.const 48
        i32.add
        local.set $q
        br 0 (;@2;)
      end
    end)
  (export "f" (func $f)))
