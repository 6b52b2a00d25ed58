(module
  (type (;0;) (func (param i32 i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $f (type 0) (param $xp i32) (param $dy i32) (param $acc i32) (param $n i32) (param $n1 i32)
    (local $y i32) (local $p i32) (local $q i32) (local $pEnd i32) (local $ohl i32) (local $imageDy i32) (local $imageX i32) (local $rowX i32) (local $acc0_0 v128) (local $acc0_1 v128) (local $acc0_2 v128) (local $acc0_3 v128) (local $acc1_0 v128) (local $acc1_1 v128) (local $acc1_2 v128) (local $acc1_3 v128) (local $acc2_0 v128) (local $acc2_1 v128) (local $acc2_2 v128) (local $acc2_3 v128) (local $acc3_0 v128) (local $acc3_1 v128) (local $acc3_2 v128) (local $acc3_3 v128) (local $acc4_0 v128) (local $acc4_1 v128) (local $acc4_2 v128) (local $acc4_3 v128) (local $dy0 v128) (local $dy1 v128) (local $dy2 v128) (local $dy3 v128) (local $splat v128)
    i32.const 6
    local.set $ohl
    block  ;; label = @1
      loop  ;; label = @2
        local.get $n
        local.get $n1
        i32.ge_u
        br_if 1 (;@1;)
        local.get $n
        i32.const 720
        i32.mul
        local.get $dy
        i32.add
        local.set $imageDy
        local.get $n
        i32.const 512
        i32.mul
        local.get $xp
        i32.add
        local.set $imageX
        local.get $acc
        v128.load align=4
        local.set $acc0_0
        local.get $acc
        v128.load offset=16 align=4
        local.set $acc0_1
        local.get $acc
        v128.load offset=32 align=4
        local.set $acc1_0
        local.get $acc
        v128.load offset=48 align=4
        local.set $acc1_1
        local.get $acc
        v128.load offset=64 align=4
        local.set $acc2_0
        local.get $acc
        v128.load offset=80 align=4
        local.set $acc2_1
        local.get $acc
        v128.load offset=96 align=4
        local.set $acc3_0
        local.get $acc
        v128.load offset=112 align=4
        local.set $acc3_1
        local.get $acc
        v128.load offset=128 align=4
        local.set $acc4_0
        local.get $acc
        v128.load offset=144 align=4
        local.set $acc4_1
        local.get $imageDy
        local.set $p
        local.get $imageX
        local.set $rowX
        i32.const 0
        local.set $y
        block  ;; label = @3
          loop  ;; label = @4
            local.get $y
            local.get $ohl
            i32.ge_u
            br_if 1 (;@3;)
            local.get $p
            i32.const 120
            i32.add
            local.set $pEnd
            local.get $rowX
            local.set $q
            block  ;; label = @5
              loop  ;; label = @6
                local.get $p
                local.get $pEnd
                i32.ge_u
                br_if 1 (;@5;)
                local.get $p
                v128.load align=4
                local.set $dy0
                local.get $p
                v128.load32_zero offset=16
                local.set $dy1
                local.get $q
                v128.load32_splat
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc0_0
                f32x4.relaxed_madd
                local.set $acc0_0
                local.get $splat
                local.get $dy1
                local.get $acc0_1
                f32x4.relaxed_madd
                local.set $acc0_1
                local.get $q
                v128.load32_splat offset=4
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc1_0
                f32x4.relaxed_madd
                local.set $acc1_0
                local.get $splat
                local.get $dy1
                local.get $acc1_1
                f32x4.relaxed_madd
                local.set $acc1_1
                local.get $q
                v128.load32_splat offset=8
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc2_0
                f32x4.relaxed_madd
                local.set $acc2_0
                local.get $splat
                local.get $dy1
                local.get $acc2_1
                f32x4.relaxed_madd
                local.set $acc2_1
                local.get $q
                v128.load32_splat offset=12
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc3_0
                f32x4.relaxed_madd
                local.set $acc3_0
                local.get $splat
                local.get $dy1
                local.get $acc3_1
                f32x4.relaxed_madd
                local.set $acc3_1
                local.get $q
                v128.load32_splat offset=16
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc4_0
                f32x4.relaxed_madd
                local.set $acc4_0
                local.get $splat
                local.get $dy1
                local.get $acc4_1
                f32x4.relaxed_madd
                local.set $acc4_1
                local.get $p
                i32.const 20
                i32.add
                local.set $p
                local.get $q
                i32.const 8
                i32.add
                local.set $q
                br 0 (;@6;)
              end
            end
            local.get $rowX
            i32.const 64
            i32.add
            local.set $rowX
            local.get $y
            i32.const 1
            i32.add
            local.set $y
            br 0 (;@4;)
          end
        end
        local.get $acc
        local.get $acc0_0
        v128.store align=4
        local.get $acc
        local.get $acc0_1
        v128.store offset=16 align=4
        local.get $acc
        local.get $acc1_0
        v128.store offset=32 align=4
        local.get $acc
        local.get $acc1_1
        v128.store offset=48 align=4
        local.get $acc
        local.get $acc2_0
        v128.store offset=64 align=4
        local.get $acc
        local.get $acc2_1
        v128.store offset=80 align=4
        local.get $acc
        local.get $acc3_0
        v128.store offset=96 align=4
        local.get $acc
        local.get $acc3_1
        v128.store offset=112 align=4
        local.get $acc
        local.get $acc4_0
        v128.store offset=128 align=4
        local.get $acc
        local.get $acc4_1
        v128.store offset=144 align=4
        local.get $acc
        v128.load offset=160 align=4
        local.set $acc0_0
        local.get $acc
        v128.load offset=176 align=4
        local.set $acc0_1
        local.get $imageDy
        local.set $p
        local.get $imageX
        local.set $rowX
        i32.const 0
        local.set $y
        block  ;; label = @3
          loop  ;; label = @4
            local.get $y
            local.get $ohl
            i32.ge_u
            br_if 1 (;@3;)
            local.get $p
            i32.const 120
            i32.add
            local.set $pEnd
            local.get $rowX
            local.set $q
            block  ;; label = @5
              loop  ;; label = @6
                local.get $p
                local.get $pEnd
                i32.ge_u
                br_if 1 (;@5;)
                local.get $p
                v128.load align=4
                local.set $dy0
                local.get $p
                v128.load32_zero offset=16
                local.set $dy1
                local.get $q
                v128.load32_splat offset=20
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc0_0
                f32x4.relaxed_madd
                local.set $acc0_0
                local.get $splat
                local.get $dy1
                local.get $acc0_1
                f32x4.relaxed_madd
                local.set $acc0_1
                local.get $p
                i32.const 20
                i32.add
                local.set $p
                local.get $q
                i32.const 8
                i32.add
                local.set $q
                br 0 (;@6;)
              end
            end
            local.get $rowX
            i32.const 64
            i32.add
            local.set $rowX
            local.get $y
            i32.const 1
            i32.add
            local.set $y
            br 0 (;@4;)
          end
        end
        local.get $acc
        local.get $acc0_0
        v128.store offset=160 align=4
        local.get $acc
        local.get $acc0_1
        v128.store offset=176 align=4
        local.get $acc
        v128.load offset=192 align=4
        local.set $acc0_0
        local.get $acc
        v128.load offset=208 align=4
        local.set $acc0_1
        local.get $acc
        v128.load offset=224 align=4
        local.set $acc1_0
        local.get $acc
        v128.load offset=240 align=4
        local.set $acc1_1
        local.get $acc
        v128.load offset=256 align=4
        local.set $acc2_0
        local.get $acc
        v128.load offset=272 align=4
        local.set $acc2_1
        local.get $acc
        v128.load offset=288 align=4
        local.set $acc3_0
        local.get $acc
        v128.load offset=304 align=4
        local.set $acc3_1
        local.get $acc
        v128.load offset=320 align=4
        local.set $acc4_0
        local.get $acc
        v128.load offset=336 align=4
        local.set $acc4_1
        local.get $imageDy
        local.set $p
        local.get $imageX
        local.set $rowX
        i32.const 0
        local.set $y
        block  ;; label = @3
          loop  ;; label = @4
            local.get $y
            local.get $ohl
            i32.ge_u
            br_if 1 (;@3;)
            local.get $p
            i32.const 120
            i32.add
            local.set $pEnd
            local.get $rowX
            local.set $q
            block  ;; label = @5
              loop  ;; label = @6
                local.get $p
                local.get $pEnd
                i32.ge_u
                br_if 1 (;@5;)
                local.get $p
                v128.load align=4
                local.set $dy0
                local.get $p
                v128.load32_zero offset=16
                local.set $dy1
                local.get $q
                v128.load32_splat offset=64
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc0_0
                f32x4.relaxed_madd
                local.set $acc0_0
                local.get $splat
                local.get $dy1
                local.get $acc0_1
                f32x4.relaxed_madd
                local.set $acc0_1
                local.get $q
                v128.load32_splat offset=68
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc1_0
                f32x4.relaxed_madd
                local.set $acc1_0
                local.get $splat
                local.get $dy1
                local.get $acc1_1
                f32x4.relaxed_madd
                local.set $acc1_1
                local.get $q
                v128.load32_splat offset=72
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc2_0
                f32x4.relaxed_madd
                local.set $acc2_0
                local.get $splat
                local.get $dy1
                local.get $acc2_1
                f32x4.relaxed_madd
                local.set $acc2_1
                local.get $q
                v128.load32_splat offset=76
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc3_0
                f32x4.relaxed_madd
                local.set $acc3_0
                local.get $splat
                local.get $dy1
                local.get $acc3_1
                f32x4.relaxed_madd
                local.set $acc3_1
                local.get $q
                v128.load32_splat offset=80
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc4_0
                f32x4.relaxed_madd
                local.set $acc4_0
                local.get $splat
                local.get $dy1
                local.get $acc4_1
                f32x4.relaxed_madd
                local.set $acc4_1
                local.get $p
                i32.const 20
                i32.add
                local.set $p
                local.get $q
                i32.const 8
                i32.add
                local.set $q
                br 0 (;@6;)
              end
            end
            local.get $rowX
            i32.const 64
            i32.add
            local.set $rowX
            local.get $y
            i32.const 1
            i32.add
            local.set $y
            br 0 (;@4;)
          end
        end
        local.get $acc
        local.get $acc0_0
        v128.store offset=192 align=4
        local.get $acc
        local.get $acc0_1
        v128.store offset=208 align=4
        local.get $acc
        local.get $acc1_0
        v128.store offset=224 align=4
        local.get $acc
        local.get $acc1_1
        v128.store offset=240 align=4
        local.get $acc
        local.get $acc2_0
        v128.store offset=256 align=4
        local.get $acc
        local.get $acc2_1
        v128.store offset=272 align=4
        local.get $acc
        local.get $acc3_0
        v128.store offset=288 align=4
        local.get $acc
        local.get $acc3_1
        v128.store offset=304 align=4
        local.get $acc
        local.get $acc4_0
        v128.store offset=320 align=4
        local.get $acc
        local.get $acc4_1
        v128.store offset=336 align=4
        local.get $acc
        v128.load offset=352 align=4
        local.set $acc0_0
        local.get $acc
        v128.load offset=368 align=4
        local.set $acc0_1
        local.get $imageDy
        local.set $p
        local.get $imageX
        local.set $rowX
        i32.const 0
        local.set $y
        block  ;; label = @3
          loop  ;; label = @4
            local.get $y
            local.get $ohl
            i32.ge_u
            br_if 1 (;@3;)
            local.get $p
            i32.const 120
            i32.add
            local.set $pEnd
            local.get $rowX
            local.set $q
            block  ;; label = @5
              loop  ;; label = @6
                local.get $p
                local.get $pEnd
                i32.ge_u
                br_if 1 (;@5;)
                local.get $p
                v128.load align=4
                local.set $dy0
                local.get $p
                v128.load32_zero offset=16
                local.set $dy1
                local.get $q
                v128.load32_splat offset=84
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc0_0
                f32x4.relaxed_madd
                local.set $acc0_0
                local.get $splat
                local.get $dy1
                local.get $acc0_1
                f32x4.relaxed_madd
                local.set $acc0_1
                local.get $p
                i32.const 20
                i32.add
                local.set $p
                local.get $q
                i32.const 8
                i32.add
                local.set $q
                br 0 (;@6;)
              end
            end
            local.get $rowX
            i32.const 64
            i32.add
            local.set $rowX
            local.get $y
            i32.const 1
            i32.add
            local.set $y
            br 0 (;@4;)
          end
        end
        local.get $acc
        local.get $acc0_0
        v128.store offset=352 align=4
        local.get $acc
        local.get $acc0_1
        v128.store offset=368 align=4
        local.get $acc
        v128.load offset=384 align=4
        local.set $acc0_0
        local.get $acc
        v128.load offset=400 align=4
        local.set $acc0_1
        local.get $acc
        v128.load offset=416 align=4
        local.set $acc1_0
        local.get $acc
        v128.load offset=432 align=4
        local.set $acc1_1
        local.get $acc
        v128.load offset=448 align=4
        local.set $acc2_0
        local.get $acc
        v128.load offset=464 align=4
        local.set $acc2_1
        local.get $acc
        v128.load offset=480 align=4
        local.set $acc3_0
        local.get $acc
        v128.load offset=496 align=4
        local.set $acc3_1
        local.get $acc
        v128.load offset=512 align=4
        local.set $acc4_0
        local.get $acc
        v128.load offset=528 align=4
        local.set $acc4_1
        local.get $imageDy
        local.set $p
        local.get $imageX
        local.set $rowX
        i32.const 0
        local.set $y
        block  ;; label = @3
          loop  ;; label = @4
            local.get $y
            local.get $ohl
            i32.ge_u
            br_if 1 (;@3;)
            local.get $p
            i32.const 120
            i32.add
            local.set $pEnd
            local.get $rowX
            local.set $q
            block  ;; label = @5
              loop  ;; label = @6
                local.get $p
                local.get $pEnd
                i32.ge_u
                br_if 1 (;@5;)
                local.get $p
                v128.load align=4
                local.set $dy0
                local.get $p
                v128.load32_zero offset=16
                local.set $dy1
                local.get $q
                v128.load32_splat offset=128
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc0_0
                f32x4.relaxed_madd
                local.set $acc0_0
                local.get $splat
                local.get $dy1
                local.get $acc0_1
                f32x4.relaxed_madd
                local.set $acc0_1
                local.get $q
                v128.load32_splat offset=132
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc1_0
                f32x4.relaxed_madd
                local.set $acc1_0
                local.get $splat
                local.get $dy1
                local.get $acc1_1
                f32x4.relaxed_madd
                local.set $acc1_1
                local.get $q
                v128.load32_splat offset=136
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc2_0
                f32x4.relaxed_madd
                local.set $acc2_0
                local.get $splat
                local.get $dy1
                local.get $acc2_1
                f32x4.relaxed_madd
                local.set $acc2_1
                local.get $q
                v128.load32_splat offset=140
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc3_0
                f32x4.relaxed_madd
                local.set $acc3_0
                local.get $splat
                local.get $dy1
                local.get $acc3_1
                f32x4.relaxed_madd
                local.set $acc3_1
                local.get $q
                v128.load32_splat offset=144
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc4_0
                f32x4.relaxed_madd
                local.set $acc4_0
                local.get $splat
                local.get $dy1
                local.get $acc4_1
                f32x4.relaxed_madd
                local.set $acc4_1
                local.get $p
                i32.const 20
                i32.add
                local.set $p
                local.get $q
                i32.const 8
                i32.add
                local.set $q
                br 0 (;@6;)
              end
            end
            local.get $rowX
            i32.const 64
            i32.add
            local.set $rowX
            local.get $y
            i32.const 1
            i32.add
            local.set $y
            br 0 (;@4;)
          end
        end
        local.get $acc
        local.get $acc0_0
        v128.store offset=384 align=4
        local.get $acc
        local.get $acc0_1
        v128.store offset=400 align=4
        local.get $acc
        local.get $acc1_0
        v128.store offset=416 align=4
        local.get $acc
        local.get $acc1_1
        v128.store offset=432 align=4
        local.get $acc
        local.get $acc2_0
        v128.store offset=448 align=4
        local.get $acc
        local.get $acc2_1
        v128.store offset=464 align=4
        local.get $acc
        local.get $acc3_0
        v128.store offset=480 align=4
        local.get $acc
        local.get $acc3_1
        v128.store offset=496 align=4
        local.get $acc
        local.get $acc4_0
        v128.store offset=512 align=4
        local.get $acc
        local.get $acc4_1
        v128.store offset=528 align=4
        local.get $acc
        v128.load offset=544 align=4
        local.set $acc0_0
        local.get $acc
        v128.load offset=560 align=4
        local.set $acc0_1
        local.get $imageDy
        local.set $p
        local.get $imageX
        local.set $rowX
        i32.const 0
        local.set $y
        block  ;; label = @3
          loop  ;; label = @4
            local.get $y
            local.get $ohl
            i32.ge_u
            br_if 1 (;@3;)
            local.get $p
            i32.const 120
            i32.add
            local.set $pEnd
            local.get $rowX
            local.set $q
            block  ;; label = @5
              loop  ;; label = @6
                local.get $p
                local.get $pEnd
                i32.ge_u
                br_if 1 (;@5;)
                local.get $p
                v128.load align=4
                local.set $dy0
                local.get $p
                v128.load32_zero offset=16
                local.set $dy1
                local.get $q
                v128.load32_splat offset=148
                local.set $splat
                local.get $splat
                local.get $dy0
                local.get $acc0_0
                f32x4.relaxed_madd
                local.set $acc0_0
                local.get $splat
                local.get $dy1
                local.get $acc0_1
                f32x4.relaxed_madd
                local.set $acc0_1
                local.get $p
                i32.const 20
                i32.add
                local.set $p
                local.get $q
                i32.const 8
                i32.add
                local.set $q
                br 0 (;@6;)
              end
            end
            local.get $rowX
            i32.const 64
            i32.add
            local.set $rowX
            local.get $y
            i32.const 1
            i32.add
            local.set $y
            br 0 (;@4;)
          end
        end
        local.get $acc
        local.get $acc0_0
        v128.store offset=544 align=4
        local.get $acc
        local.get $acc0_1
        v128.store offset=560 align=4
        local.get $n
        i32.const 1
        i32.add
        local.set $n
        br 0 (;@2;)
      end
    end)
  (export "f" (func $f)))
