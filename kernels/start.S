# Entry for bare RV32IM programs and for on-device kernels (built with -DMESHSIM_KERNEL): set gp
# (and, for a program, sp), clear .bss, run a C++ kernel's static constructors (-DMESHSIM_CXX),
# call main / kernel_main, then exit with the Linux-style ecall (a7 = 93) that `meshsim exec` and
# qemu-riscv32 understand and that ends a kernel. A C++ kernel_main has C linkage (the kernel API
# declares it extern "C"), so this one call serves C and C++ kernels alike.
# A kernel's sp is set by the simulator, at the top of its hart's private data RAM.
  .file "start.S"            # else the symbol table names gcc's random temporary object file
  .section .text.start, "ax"
  .globl _start
_start:
  .option push
  .option norelax            # gp is not yet set, so this `la` must not be relaxed against it
  la gp, __global_pointer$
  .option pop
#ifndef MESHSIM_KERNEL
  la sp, __stack_top
#endif
  # .bss is NOLOAD; loaders zero it already, but a program must not rely on that
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:
#ifdef MESHSIM_CXX
  la s0, __init_array_start
  la s1, __init_array_end
4:
  bgeu s0, s1, 5f
  lw t0, 0(s0)
  jalr t0
  addi s0, s0, 4
  j 4b
5:
#endif
#ifdef MESHSIM_KERNEL
  call kernel_main
#else
  call main
#endif
  li a7, 93                  # exit(a0)
  ecall
3:
  j 3b
