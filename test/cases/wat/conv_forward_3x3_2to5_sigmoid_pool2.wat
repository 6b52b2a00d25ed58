(module
  (type (;0;) (func (param i32 i32 i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $f (type 0) (param $xp i32) (param $w i32) (param $bias i32) (param $out i32) (param $n i32) (param $n1 i32)
    (local $y i32) (local $q i32) (local $o i32) (local $ohl i32) (local $x i32) (local $owl i32) (local $qt i32) (local $wt i32) (local $row i32) (local $rowEnd i32) (local $rowStop i32) (local $rowStart i32) (local $acc0_0 v128) (local $acc0_1 v128) (local $acc0_2 v128) (local $acc0_3 v128) (local $acc1_0 v128) (local $acc1_1 v128) (local $acc1_2 v128) (local $acc1_3 v128) (local $acc2_0 v128) (local $acc2_1 v128) (local $acc2_2 v128) (local $acc2_3 v128) (local $acc3_0 v128) (local $acc3_1 v128) (local $acc3_2 v128) (local $acc3_3 v128) (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $splat v128) (local $scratch0 v128) (local $scratch1 v128) (local $scratch2 v128) (local $constant0 v128) (local $constant1 v128) (local $constant2 v128) (local $constant3 v128) (local $constant4 v128) (local $constant5 v128) (local $constant6 v128) (local $constant7 v128) (local $constant8 v128) (local $constant9 v128) (local $constant10 v128) (local $constant11 v128)
    i32.const 1024
    v128.load align=4
    local.set $constant0
    i32.const 1040
    v128.load align=4
    local.set $constant1
    i32.const 1056
    v128.load align=4
    local.set $constant2
    i32.const 1072
    v128.load align=4
    local.set $constant3
    i32.const 1088
    v128.load align=4
    local.set $constant4
    i32.const 1104
    v128.load align=4
    local.set $constant5
    i32.const 1120
    v128.load align=4
    local.set $constant6
    i32.const 1136
    v128.load align=4
    local.set $constant7
    i32.const 1152
    v128.load align=4
    local.set $constant8
    i32.const 1168
    v128.load align=4
    local.set $constant9
    i32.const 1184
    v128.load align=4
    local.set $constant10
    i32.const 1200
    v128.load align=4
    local.set $constant11
    i32.const 3
    local.set $ohl
    i32.const 3
    local.set $owl
    local.get $n
    i32.const 180
    i32.mul
    local.get $out
    i32.add
    local.set $o
    block  ;; label = @1
      loop  ;; label = @2
        local.get $n
        local.get $n1
        i32.ge_u
        br_if 1 (;@1;)
        i32.const 0
        local.set $y
        block  ;; label = @3
          loop  ;; label = @4
            local.get $y
            local.get $ohl
            i32.ge_u
            br_if 1 (;@3;)
            local.get $n
            i32.const 512
            i32.mul
            local.get $xp
            i32.add
            local.get $y
            i32.const 128
            i32.mul
            i32.add
            local.set $q
            i32.const 0
            local.get $y
            i32.const 2
            i32.mul
            i32.sub
            local.set $rowStart
            local.get $rowStart
            i32.const 0
            local.get $rowStart
            i32.const 0
            i32.gt_s
            select
            local.set $rowStart
            i32.const 7
            local.get $y
            i32.const 2
            i32.mul
            i32.sub
            local.set $rowStop
            local.get $rowStop
            i32.const 3
            local.get $rowStop
            i32.const 3
            i32.lt_s
            select
            local.set $rowStop
            local.get $rowStop
            i32.const 0
            local.get $rowStop
            i32.const 0
            i32.gt_s
            select
            local.set $rowStop
            i32.const 0
            local.set $x
            block  ;; label = @5
              loop  ;; label = @6
                local.get $x
                local.get $owl
                i32.ge_u
                br_if 1 (;@5;)
                local.get $bias
                v128.load align=4
                local.set $acc0_0
                local.get $bias
                v128.load32_zero offset=16
                local.set $acc0_1
                local.get $bias
                v128.load align=4
                local.set $acc1_0
                local.get $bias
                v128.load32_zero offset=16
                local.set $acc1_1
                local.get $bias
                v128.load align=4
                local.set $acc2_0
                local.get $bias
                v128.load32_zero offset=16
                local.set $acc2_1
                local.get $bias
                v128.load align=4
                local.set $acc3_0
                local.get $bias
                v128.load32_zero offset=16
                local.set $acc3_1
                local.get $q
                local.get $rowStart
                i32.const 64
                i32.mul
                i32.add
                local.set $qt
                local.get $w
                local.get $rowStart
                i32.const 120
                i32.mul
                i32.add
                local.set $wt
                local.get $rowStart
                local.set $row
                block  ;; label = @7
                  loop  ;; label = @8
                    local.get $row
                    local.get $rowStop
                    i32.ge_u
                    br_if 1 (;@7;)
                    local.get $qt
                    i32.const 24
                    i32.add
                    local.set $rowEnd
                    block  ;; label = @9
                      loop  ;; label = @10
                        local.get $qt
                        local.get $rowEnd
                        i32.ge_u
                        br_if 1 (;@9;)
                        local.get $wt
                        v128.load align=4
                        local.set $w0
                        local.get $wt
                        v128.load32_zero offset=16
                        local.set $w1
                        local.get $qt
                        v128.load32_splat
                        local.set $splat
                        local.get $splat
                        local.get $w0
                        local.get $acc0_0
                        f32x4.relaxed_madd
                        local.set $acc0_0
                        local.get $splat
                        local.get $w1
                        local.get $acc0_1
                        f32x4.relaxed_madd
                        local.set $acc0_1
                        local.get $qt
                        v128.load32_splat offset=8
                        local.set $splat
                        local.get $splat
                        local.get $w0
                        local.get $acc1_0
                        f32x4.relaxed_madd
                        local.set $acc1_0
                        local.get $splat
                        local.get $w1
                        local.get $acc1_1
                        f32x4.relaxed_madd
                        local.set $acc1_1
                        local.get $qt
                        v128.load32_splat offset=64
                        local.set $splat
                        local.get $splat
                        local.get $w0
                        local.get $acc2_0
                        f32x4.relaxed_madd
                        local.set $acc2_0
                        local.get $splat
                        local.get $w1
                        local.get $acc2_1
                        f32x4.relaxed_madd
                        local.set $acc2_1
                        local.get $qt
                        v128.load32_splat offset=72
                        local.set $splat
                        local.get $splat
                        local.get $w0
                        local.get $acc3_0
                        f32x4.relaxed_madd
                        local.set $acc3_0
                        local.get $splat
                        local.get $w1
                        local.get $acc3_1
                        f32x4.relaxed_madd
                        local.set $acc3_1
                        local.get $qt
                        i32.const 4
                        i32.add
                        local.set $qt
                        local.get $wt
                        i32.const 20
                        i32.add
                        local.set $wt
                        br 0 (;@10;)
                      end
                    end
                    local.get $qt
                    i32.const 40
                    i32.add
                    local.set $qt
                    local.get $row
                    i32.const 1
                    i32.add
                    local.set $row
                    br 0 (;@8;)
                  end
                end
                local.get $acc0_0
                local.get $constant1
                f32x4.max
                local.get $constant0
                f32x4.min
                local.set $acc0_0
                local.get $acc0_0
                local.get $constant2
                local.get $constant3
                f32x4.relaxed_madd
                local.set $scratch0
                local.get $scratch0
                i32.const 23
                i32x4.shl
                local.set $scratch2
                local.get $scratch0
                local.get $constant3
                f32x4.sub
                local.set $scratch0
                local.get $scratch0
                local.get $constant4
                local.get $acc0_0
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch0
                local.get $constant5
                local.get $scratch1
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch2
                local.set $scratch0
                local.get $constant11
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant10
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant9
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant8
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant7
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant6
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $constant6
                local.get $scratch2
                local.get $scratch0
                f32x4.mul
                local.get $constant6
                f32x4.add
                f32x4.div
                local.set $acc0_0
                local.get $acc0_1
                local.get $constant1
                f32x4.max
                local.get $constant0
                f32x4.min
                local.set $acc0_1
                local.get $acc0_1
                local.get $constant2
                local.get $constant3
                f32x4.relaxed_madd
                local.set $scratch0
                local.get $scratch0
                i32.const 23
                i32x4.shl
                local.set $scratch2
                local.get $scratch0
                local.get $constant3
                f32x4.sub
                local.set $scratch0
                local.get $scratch0
                local.get $constant4
                local.get $acc0_1
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch0
                local.get $constant5
                local.get $scratch1
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch2
                local.set $scratch0
                local.get $constant11
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant10
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant9
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant8
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant7
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant6
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $constant6
                local.get $scratch2
                local.get $scratch0
                f32x4.mul
                local.get $constant6
                f32x4.add
                f32x4.div
                local.set $acc0_1
                local.get $acc1_0
                local.get $constant1
                f32x4.max
                local.get $constant0
                f32x4.min
                local.set $acc1_0
                local.get $acc1_0
                local.get $constant2
                local.get $constant3
                f32x4.relaxed_madd
                local.set $scratch0
                local.get $scratch0
                i32.const 23
                i32x4.shl
                local.set $scratch2
                local.get $scratch0
                local.get $constant3
                f32x4.sub
                local.set $scratch0
                local.get $scratch0
                local.get $constant4
                local.get $acc1_0
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch0
                local.get $constant5
                local.get $scratch1
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch2
                local.set $scratch0
                local.get $constant11
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant10
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant9
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant8
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant7
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant6
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $constant6
                local.get $scratch2
                local.get $scratch0
                f32x4.mul
                local.get $constant6
                f32x4.add
                f32x4.div
                local.set $acc1_0
                local.get $acc1_1
                local.get $constant1
                f32x4.max
                local.get $constant0
                f32x4.min
                local.set $acc1_1
                local.get $acc1_1
                local.get $constant2
                local.get $constant3
                f32x4.relaxed_madd
                local.set $scratch0
                local.get $scratch0
                i32.const 23
                i32x4.shl
                local.set $scratch2
                local.get $scratch0
                local.get $constant3
                f32x4.sub
                local.set $scratch0
                local.get $scratch0
                local.get $constant4
                local.get $acc1_1
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch0
                local.get $constant5
                local.get $scratch1
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch2
                local.set $scratch0
                local.get $constant11
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant10
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant9
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant8
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant7
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant6
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $constant6
                local.get $scratch2
                local.get $scratch0
                f32x4.mul
                local.get $constant6
                f32x4.add
                f32x4.div
                local.set $acc1_1
                local.get $acc2_0
                local.get $constant1
                f32x4.max
                local.get $constant0
                f32x4.min
                local.set $acc2_0
                local.get $acc2_0
                local.get $constant2
                local.get $constant3
                f32x4.relaxed_madd
                local.set $scratch0
                local.get $scratch0
                i32.const 23
                i32x4.shl
                local.set $scratch2
                local.get $scratch0
                local.get $constant3
                f32x4.sub
                local.set $scratch0
                local.get $scratch0
                local.get $constant4
                local.get $acc2_0
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch0
                local.get $constant5
                local.get $scratch1
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch2
                local.set $scratch0
                local.get $constant11
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant10
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant9
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant8
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant7
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant6
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $constant6
                local.get $scratch2
                local.get $scratch0
                f32x4.mul
                local.get $constant6
                f32x4.add
                f32x4.div
                local.set $acc2_0
                local.get $acc2_1
                local.get $constant1
                f32x4.max
                local.get $constant0
                f32x4.min
                local.set $acc2_1
                local.get $acc2_1
                local.get $constant2
                local.get $constant3
                f32x4.relaxed_madd
                local.set $scratch0
                local.get $scratch0
                i32.const 23
                i32x4.shl
                local.set $scratch2
                local.get $scratch0
                local.get $constant3
                f32x4.sub
                local.set $scratch0
                local.get $scratch0
                local.get $constant4
                local.get $acc2_1
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch0
                local.get $constant5
                local.get $scratch1
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch2
                local.set $scratch0
                local.get $constant11
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant10
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant9
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant8
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant7
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant6
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $constant6
                local.get $scratch2
                local.get $scratch0
                f32x4.mul
                local.get $constant6
                f32x4.add
                f32x4.div
                local.set $acc2_1
                local.get $acc3_0
                local.get $constant1
                f32x4.max
                local.get $constant0
                f32x4.min
                local.set $acc3_0
                local.get $acc3_0
                local.get $constant2
                local.get $constant3
                f32x4.relaxed_madd
                local.set $scratch0
                local.get $scratch0
                i32.const 23
                i32x4.shl
                local.set $scratch2
                local.get $scratch0
                local.get $constant3
                f32x4.sub
                local.set $scratch0
                local.get $scratch0
                local.get $constant4
                local.get $acc3_0
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch0
                local.get $constant5
                local.get $scratch1
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch2
                local.set $scratch0
                local.get $constant11
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant10
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant9
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant8
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant7
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant6
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $constant6
                local.get $scratch2
                local.get $scratch0
                f32x4.mul
                local.get $constant6
                f32x4.add
                f32x4.div
                local.set $acc3_0
                local.get $acc3_1
                local.get $constant1
                f32x4.max
                local.get $constant0
                f32x4.min
                local.set $acc3_1
                local.get $acc3_1
                local.get $constant2
                local.get $constant3
                f32x4.relaxed_madd
                local.set $scratch0
                local.get $scratch0
                i32.const 23
                i32x4.shl
                local.set $scratch2
                local.get $scratch0
                local.get $constant3
                f32x4.sub
                local.set $scratch0
                local.get $scratch0
                local.get $constant4
                local.get $acc3_1
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch0
                local.get $constant5
                local.get $scratch1
                f32x4.relaxed_madd
                local.set $scratch1
                local.get $scratch2
                local.set $scratch0
                local.get $constant11
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant10
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant9
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant8
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant7
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $scratch2
                local.get $scratch1
                local.get $constant6
                f32x4.relaxed_madd
                local.set $scratch2
                local.get $constant6
                local.get $scratch2
                local.get $scratch0
                f32x4.mul
                local.get $constant6
                f32x4.add
                f32x4.div
                local.set $acc3_1
                local.get $acc0_0
                local.get $acc1_0
                f32x4.add
                local.set $acc0_0
                local.get $acc0_0
                local.get $acc2_0
                f32x4.add
                local.set $acc0_0
                local.get $acc0_0
                local.get $acc3_0
                f32x4.add
                local.set $acc0_0
                local.get $acc0_0
                f32.const 0x1p-2 (;=0.25;)
                f32x4.splat
                f32x4.mul
                local.set $acc0_0
                local.get $o
                local.get $acc0_0
                v128.store align=4
                local.get $acc0_1
                local.get $acc1_1
                f32x4.add
                local.set $acc0_1
                local.get $acc0_1
                local.get $acc2_1
                f32x4.add
                local.set $acc0_1
                local.get $acc0_1
                local.get $acc3_1
                f32x4.add
                local.set $acc0_1
                local.get $acc0_1
                f32.const 0x1p-2 (;=0.25;)
                f32x4.splat
                f32x4.mul
                local.set $acc0_1
                local.get $o
                local.get $acc0_1
                v128.store32_lane offset=16 0
                local.get $q
                i32.const 16
                i32.add
                local.set $q
                local.get $o
                i32.const 20
                i32.add
                local.set $o
                local.get $x
                i32.const 1
                i32.add
                local.set $x
                br 0 (;@6;)
              end
            end
            local.get $y
            i32.const 1
            i32.add
            local.set $y
            br 0 (;@4;)
          end
        end
        local.get $n
        i32.const 1
        i32.add
        local.set $n
        br 0 (;@2;)
      end
    end)
  (export "f" (func $f)))
