(module
  (type (;0;) (func (param i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $f (type 0) (param $x i32) (param $end i32) (param $out i32)
    (local $v0 v128) (local $v0_scratch0 v128) (local $v0_scratch1 v128) (local $v0_scratch2 v128) (local $v1 v128) (local $v1_scratch0 v128) (local $v1_scratch1 v128) (local $v1_scratch2 v128) (local $largest v128) (local $smallest v128) (local $minusLog2e v128) (local $magic v128) (local $ln2High v128) (local $ln2Low v128) (local $poly0 v128) (local $poly1 v128) (local $poly2 v128) (local $poly3 v128) (local $poly4 v128) (local $poly5 v128)
    i32.const 1024
    v128.load align=4
    local.set $largest
    i32.const 1040
    v128.load align=4
    local.set $smallest
    i32.const 1056
    v128.load align=4
    local.set $minusLog2e
    i32.const 1072
    v128.load align=4
    local.set $magic
    i32.const 1088
    v128.load align=4
    local.set $ln2High
    i32.const 1104
    v128.load align=4
    local.set $ln2Low
    i32.const 1120
    v128.load align=4
    local.set $poly0
    i32.const 1136
    v128.load align=4
    local.set $poly1
    i32.const 1152
    v128.load align=4
    local.set $poly2
    i32.const 1168
    v128.load align=4
    local.set $poly3
    i32.const 1184
    v128.load align=4
    local.set $poly4
    i32.const 1200
    v128.load align=4
    local.set $poly5
    block  ;; label = @1
      loop  ;; label = @2
        local.get $x
        local.get $end
        i32.ge_u
        br_if 1 (;@1;)
        local.get $x
        v128.load align=4
        local.set $v0
        local.get $x
        v128.load offset=16 align=4
        local.set $v1
        local.get $v0
        local.get $smallest
        f32x4.max
        local.get $largest
        f32x4.min
        local.set $v0
        local.get $v0
        local.get $minusLog2e
        local.get $magic
        f32x4.relaxed_madd
        local.set $v0_scratch0
        local.get $v0_scratch0
        i32.const 23
        i32x4.shl
        local.set $v0_scratch2
        local.get $v0_scratch0
        local.get $magic
        f32x4.sub
        local.set $v0_scratch0
        local.get $v0_scratch0
        local.get $ln2High
        local.get $v0
        f32x4.relaxed_madd
        local.set $v0_scratch1
        local.get $v0_scratch0
        local.get $ln2Low
        local.get $v0_scratch1
        f32x4.relaxed_madd
        local.set $v0_scratch1
        local.get $v0_scratch2
        local.set $v0_scratch0
        local.get $poly5
        local.set $v0_scratch2
        local.get $v0_scratch2
        local.get $v0_scratch1
        local.get $poly4
        f32x4.relaxed_madd
        local.set $v0_scratch2
        local.get $v0_scratch2
        local.get $v0_scratch1
        local.get $poly3
        f32x4.relaxed_madd
        local.set $v0_scratch2
        local.get $v0_scratch2
        local.get $v0_scratch1
        local.get $poly2
        f32x4.relaxed_madd
        local.set $v0_scratch2
        local.get $v0_scratch2
        local.get $v0_scratch1
        local.get $poly1
        f32x4.relaxed_madd
        local.set $v0_scratch2
        local.get $v0_scratch2
        local.get $v0_scratch1
        local.get $poly0
        f32x4.relaxed_madd
        local.set $v0_scratch2
        local.get $poly0
        local.get $v0_scratch2
        local.get $v0_scratch0
        f32x4.mul
        local.get $poly0
        f32x4.add
        f32x4.div
        local.set $v0
        local.get $v1
        local.get $smallest
        f32x4.max
        local.get $largest
        f32x4.min
        local.set $v1
        local.get $v1
        local.get $minusLog2e
        local.get $magic
        f32x4.relaxed_madd
        local.set $v1_scratch0
        local.get $v1_scratch0
        i32.const 23
        i32x4.shl
        local.set $v1_scratch2
        local.get $v1_scratch0
        local.get $magic
        f32x4.sub
        local.set $v1_scratch0
        local.get $v1_scratch0
        local.get $ln2High
        local.get $v1
        f32x4.relaxed_madd
        local.set $v1_scratch1
        local.get $v1_scratch0
        local.get $ln2Low
        local.get $v1_scratch1
        f32x4.relaxed_madd
        local.set $v1_scratch1
        local.get $v1_scratch2
        local.set $v1_scratch0
        local.get $poly5
        local.set $v1_scratch2
        local.get $v1_scratch2
        local.get $v1_scratch1
        local.get $poly4
        f32x4.relaxed_madd
        local.set $v1_scratch2
        local.get $v1_scratch2
        local.get $v1_scratch1
        local.get $poly3
        f32x4.relaxed_madd
        local.set $v1_scratch2
        local.get $v1_scratch2
        local.get $v1_scratch1
        local.get $poly2
        f32x4.relaxed_madd
        local.set $v1_scratch2
        local.get $v1_scratch2
        local.get $v1_scratch1
        local.get $poly1
        f32x4.relaxed_madd
        local.set $v1_scratch2
        local.get $v1_scratch2
        local.get $v1_scratch1
        local.get $poly0
        f32x4.relaxed_madd
        local.set $v1_scratch2
        local.get $poly0
        local.get $v1_scratch2
        local.get $v1_scratch0
        f32x4.mul
        local.get $poly0
        f32x4.add
        f32x4.div
        local.set $v1
        local.get $out
        local.get $v0
        v128.store align=4
        local.get $out
        local.get $v1
        v128.store offset=16 align=4
        local.get $x
        i32.const 32
        i32.add
        local.set $x
        local.get $out
        i32.const 32
        i32.add
        local.set $out
        br 0 (;@2;)
      end
    end)
  (export "f" (func $f)))
