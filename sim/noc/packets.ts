// Packet sizing: how a transfer is split into packets and how many bytes each puts on the wire.
//
// A packet is one header flit plus ceil(payload / flitBytes) data flits, at most maxPacketBytes of
// payload ([ISA-WH] NoC/README.md: "1 header flit + ≤256 data flits"). A payload of 0 bytes is a
// header-only packet (read request, atomic, inline 4-byte write); a payload of 1..flitBytes is one
// data flit. With flitBytes = linkBytesPerCycle (WH, BH) a packet holds a link for
// ceil((payload + flitBytes) / linkBytesPerCycle) cycles.

/** Bytes on the wire for one packet: header flit + payload rounded up to whole flits. */
export function wireBytes(payload: number, flitBytes: number): number {
  return flitBytes * (1 + Math.ceil(payload / flitBytes));
}

/** Whole cycles one packet holds a link: a link moves at most linkBytesPerCycle each cycle. */
export function linkCycles(payload: number, flitBytes: number, linkBytesPerCycle: number): number {
  return Math.ceil(wireBytes(payload, flitBytes) / linkBytesPerCycle);
}

/** Number of packets of a transfer (a 0-byte transfer is one header-only packet). */
export function packetCount(bytes: number, maxPacketBytes: number): number {
  return bytes <= maxPacketBytes ? 1 : Math.ceil(bytes / maxPacketBytes);
}

/** Payload of packet i (0-based) of a transfer: full packets, the remainder last. */
export function packetPayload(bytes: number, maxPacketBytes: number, i: number): number {
  const rest = bytes - i * maxPacketBytes;
  return rest < maxPacketBytes ? rest : maxPacketBytes;
}
