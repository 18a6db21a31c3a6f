/* tt-metal's device profiler zones: meshsim traces every hart already, so a zone is nothing. */
#pragma once
#define DeviceZoneScopedN(name)
#define DeviceZoneScopedMainN(name)
#define DeviceZoneScopedMainChildN(name)
#define DeviceTimestampedData(name, data)
