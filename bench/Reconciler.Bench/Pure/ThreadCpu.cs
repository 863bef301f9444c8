using System.Runtime.InteropServices;

namespace Reconciler.Bench.Pure;

/// <summary>
/// The calling thread's CPU time in nanoseconds (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): unlike wall time,
/// it does not grow while the thread waits for a core, which on a machine shared with other work is most of the wall.
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static long Now() => ClockGetTime(ClockThreadCpuTimeId, out var spec) == 0 ? (spec.Seconds * 1_000_000_000L) + spec.Nanoseconds : 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport rather than LibraryImport, which would need unsafe code in the project for one blittable call.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec spec);
#pragma warning restore SYSLIB1054
}
