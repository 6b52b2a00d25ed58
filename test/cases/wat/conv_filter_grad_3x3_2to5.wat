(module
  (type (;0;) (func (param i32 i32 i32 i32 i32)))
  (import "env" "memory" (memory (;0;) 1))
  (func $f (type 0) (param $xp i32) (param $dy i32) (param $acc i32) (param $n i32) (param $n1 i32)
    (local $ty i32) (local $khl i32) (local $pair i32) (local $pairsEnd i32) (local $vec i32) (local $vecsEnd i32) (local $y i32) (local $ohl i32) (local $p i32) (local $pEnd i32) (local $q i32) (local $rowX i32) (local $imageDy i32) (local $imageX i32) (local $xRow i32) (local $accRow i32) (local $tileX i32) (local $tileAcc i32) (local $m i32) (local $gn i32) (local $acc0_0 v128) (local $acc0_1 v128) (local $acc1_0 v128) (local $acc1_1 v128) (local $acc2_0 v128) (local $acc2_1 v128) (local $acc3_0 v128) (local $acc3_1 v128) (local $dy0 v128) (local $dy1 v128) (local $splat v128)
    i32.const 6
    local.set $ohl
    i32.const 3
    local.set $khl
    i32.const 4
    local.set $pairsEnd
    i32.const 0
    local.set $vecsEnd
    block  ;; label = @1
      loop  ;; label = @2
        local.get $n
        local.get $n1
        i32.ge_u
        br_if 1 (;@1;)
        i32.const 79
        local.get $n1
        local.get $n
        i32.sub
        i32.const 79
        local.get $n1
        local.get $n
        i32.sub
        i32.lt_u
        select
        local.set $gn
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
        local.get $imageX
        local.set $xRow
        local.get $acc
        local.set $accRow
        i32.const 0
        local.set $ty
        block  ;; label = @3
          loop  ;; label = @4
            local.get $ty
            local.get $khl
            i32.ge_u
            br_if 1 (;@3;)
            local.get $xRow
            local.set $tileX
            local.get $accRow
            local.set $tileAcc
            i32.const 0
            local.set $pair
            block  ;; label = @5
              loop  ;; label = @6
                local.get $pair
                local.get $pairsEnd
                i32.ge_u
                br_if 1 (;@5;)
                local.get $tileAcc
                v128.load align=4
                local.set $acc0_0
                local.get $tileAcc
                v128.load offset=16 align=4
                local.set $acc0_1
                local.get $tileAcc
                v128.load offset=32 align=4
                local.set $acc1_0
                local.get $tileAcc
                v128.load offset=48 align=4
                local.set $acc1_1
                local.get $tileAcc
                v128.load offset=64 align=4
                local.set $acc2_0
                local.get $tileAcc
                v128.load offset=80 align=4
                local.set $acc2_1
                local.get $tileAcc
                v128.load offset=96 align=4
                local.set $acc3_0
                local.get $tileAcc
                v128.load offset=112 align=4
                local.set $acc3_1
                local.get $imageDy
                i32.const 0
                i32.add
                local.set $p
                local.get $tileX
                local.set $rowX
                i32.const 0
                local.set $m
                block  ;; label = @7
                  loop  ;; label = @8
                    local.get $m
                    local.get $gn
                    i32.ge_u
                    br_if 1 (;@7;)
                    i32.const 0
                    local.set $y
                    block  ;; label = @9
                      loop  ;; label = @10
                        local.get $y
                        local.get $ohl
                        i32.ge_u
                        br_if 1 (;@9;)
                        local.get $p
                        i32.const 120
                        i32.add
                        local.set $pEnd
                        local.get $rowX
                        local.set $q
                        block  ;; label = @11
                          loop  ;; label = @12
                            local.get $p
                            local.get $pEnd
                            i32.ge_u
                            br_if 1 (;@11;)
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
                            local.get $p
                            i32.const 20
                            i32.add
                            local.set $p
                            local.get $q
                            i32.const 8
                            i32.add
                            local.set $q
                            br 0 (;@12;)
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
                        br 0 (;@10;)
                      end
                    end
                    local.get $rowX
                    i32.const 128
                    i32.add
                    local.set $rowX
                    local.get $m
                    i32.const 1
                    i32.add
                    local.set $m
                    br 0 (;@8;)
                  end
                end
                local.get $tileAcc
                local.get $acc0_0
                v128.store align=4
                local.get $tileAcc
                local.get $acc0_1
                v128.store offset=16 align=4
                local.get $tileAcc
                local.get $acc1_0
                v128.store offset=32 align=4
                local.get $tileAcc
                local.get $acc1_1
                v128.store offset=48 align=4
                local.get $tileAcc
                local.get $acc2_0
                v128.store offset=64 align=4
                local.get $tileAcc
                local.get $acc2_1
                v128.store offset=80 align=4
                local.get $tileAcc
                local.get $acc3_0
                v128.store offset=96 align=4
                local.get $tileAcc
                local.get $acc3_1
                v128.store offset=112 align=4
                local.get $pair
                i32.const 4
                i32.add
                local.set $pair
                local.get $tileX
                i32.const 16
                i32.add
                local.set $tileX
                local.get $tileAcc
                i32.const 128
                i32.add
                local.set $tileAcc
                br 0 (;@6;)
              end
            end
            local.get $tileAcc
            v128.load align=4
            local.set $acc0_0
            local.get $tileAcc
            v128.load offset=16 align=4
            local.set $acc0_1
            local.get $tileAcc
            v128.load offset=32 align=4
            local.set $acc1_0
            local.get $tileAcc
            v128.load offset=48 align=4
            local.set $acc1_1
            local.get $imageDy
            i32.const 0
            i32.add
            local.set $p
            local.get $tileX
            local.set $rowX
            i32.const 0
            local.set $m
            block  ;; label = @5
              loop  ;; label = @6
                local.get $m
                local.get $gn
                i32.ge_u
                br_if 1 (;@5;)
                i32.const 0
                local.set $y
                block  ;; label = @7
                  loop  ;; label = @8
                    local.get $y
                    local.get $ohl
                    i32.ge_u
                    br_if 1 (;@7;)
                    local.get $p
                    i32.const 120
                    i32.add
                    local.set $pEnd
                    local.get $rowX
                    local.set $q
                    block  ;; label = @9
                      loop  ;; label = @10
                        local.get $p
                        local.get $pEnd
                        i32.ge_u
                        br_if 1 (;@9;)
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
                        local.get $p
                        i32.const 20
                        i32.add
                        local.set $p
                        local.get $q
                        i32.const 8
                        i32.add
                        local.set $q
                        br 0 (;@10;)
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
                    br 0 (;@8;)
                  end
                end
                local.get $rowX
                i32.const 128
                i32.add
                local.set $rowX
                local.get $m
                i32.const 1
                i32.add
                local.set $m
                br 0 (;@6;)
              end
            end
            local.get $tileAcc
            local.get $acc0_0
            v128.store align=4
            local.get $tileAcc
            local.get $acc0_1
            v128.store offset=16 align=4
            local.get $tileAcc
            local.get $acc1_0
            v128.store offset=32 align=4
            local.get $tileAcc
            local.get $acc1_1
            v128.store offset=48 align=4
            local.get $xRow
            i32.const 64
            i32.add
            local.set $xRow
            local.get $accRow
            i32.const 192
            i32.add
            local.set $accRow
            local.get $ty
            i32.const 1
            i32.add
            local.set $ty
            br 0 (;@4;)
          end
        end
        local.get $n
        local.get $gn
        i32.add
        local.set $n
        br 0 (;@2;)
      end
    end)
  (export "f" (func $f)))
