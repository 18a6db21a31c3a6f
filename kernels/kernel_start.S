# Entry for on-device kernels: set gp, clear .bss, call kernel_main, then tell the simulator the
# kernel is done with ecall 93 (as bare programs exit). sp is set by the simulator.
  .file "kernel_start.S"
  .section .text.start, "ax"
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:
  call kernel_main
  li a7, 93
  ecall
3:
  j 3b
