using System;

namespace Controllers.Firmware.Common.Scheduling
{
    /// <summary>
    /// Single-threaded periodic task dispatcher. Tasks run in registration order when due, so the task
    /// registered first has the highest priority. The executive measures each activation with the
    /// monotonic clock and counts deadline overruns (an activation that ends after its next release)
    /// and skipped releases. nanoFramework threads are cooperative with a 20 ms quantum, so all periodic
    /// control work runs from this one loop instead of from timers.
    /// </summary>
    public sealed class Executive
    {
        private readonly IMonotonicClock clock;
        private readonly string[] names;
        private readonly IPeriodicTask[] tasks;
        private readonly long[] periodsMicroseconds;
        private readonly long[] offsetsMicroseconds;
        private readonly long[] nextReleasesMicroseconds;
        private readonly long[] lastExecutionMicroseconds;
        private readonly long[] maxExecutionMicroseconds;
        private readonly long[] maxReleaseLatencyMicroseconds;
        private readonly long[] lastStartMicroseconds;
        private readonly long[] maxIntervalMicroseconds;
        private readonly long[] maxJitterMicroseconds;
        private readonly long[] runCounts;
        private readonly long[] overrunCounts;
        private readonly long[] skippedReleaseCounts;
        private int taskCount;
        private bool started;

        /// <summary>Creates an executive with room for <paramref name="capacity"/> tasks.</summary>
        public Executive(IMonotonicClock clock, int capacity)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException("capacity", "The task capacity must be at least 1.");
            }

            this.clock = clock;
            names = new string[capacity];
            tasks = new IPeriodicTask[capacity];
            periodsMicroseconds = new long[capacity];
            offsetsMicroseconds = new long[capacity];
            nextReleasesMicroseconds = new long[capacity];
            lastExecutionMicroseconds = new long[capacity];
            maxExecutionMicroseconds = new long[capacity];
            maxReleaseLatencyMicroseconds = new long[capacity];
            lastStartMicroseconds = new long[capacity];
            maxIntervalMicroseconds = new long[capacity];
            maxJitterMicroseconds = new long[capacity];
            runCounts = new long[capacity];
            overrunCounts = new long[capacity];
            skippedReleaseCounts = new long[capacity];
        }

        /// <summary>Number of registered tasks.</summary>
        public int TaskCount
        {
            get { return taskCount; }
        }

        /// <summary>True after <see cref="Start"/>.</summary>
        public bool IsStarted
        {
            get { return started; }
        }

        /// <summary>
        /// Registers a task and returns its index. The first release is at start time plus
        /// <paramref name="offsetMicroseconds"/>; offsets spread tasks of equal period over the cycle.
        /// </summary>
        public int AddTask(string name, IPeriodicTask task, long periodMicroseconds, long offsetMicroseconds)
        {
            if (started)
            {
                throw new InvalidOperationException("Tasks must be added before the executive starts.");
            }

            if (task == null)
            {
                throw new ArgumentNullException("task");
            }

            if (periodMicroseconds <= 0)
            {
                throw new ArgumentOutOfRangeException("periodMicroseconds", "The period must be positive.");
            }

            if (offsetMicroseconds < 0 || offsetMicroseconds >= periodMicroseconds)
            {
                throw new ArgumentOutOfRangeException("offsetMicroseconds", "The offset must be at least 0 and less than the period.");
            }

            if (taskCount == tasks.Length)
            {
                throw new InvalidOperationException("The executive is full; create it with a larger capacity.");
            }

            int index = taskCount;
            names[index] = name;
            tasks[index] = task;
            periodsMicroseconds[index] = periodMicroseconds;
            offsetsMicroseconds[index] = offsetMicroseconds;
            taskCount++;
            return index;
        }

        /// <summary>Sets every task's first release relative to the current time.</summary>
        public void Start()
        {
            if (started)
            {
                throw new InvalidOperationException("The executive has already started.");
            }

            long now = clock.NowMicroseconds;
            for (int i = 0; i < taskCount; i++)
            {
                nextReleasesMicroseconds[i] = now + offsetsMicroseconds[i];
            }

            started = true;
        }

        /// <summary>Earliest pending release of any task; the board's loop sleeps until then.</summary>
        public long NextReleaseMicroseconds
        {
            get
            {
                RequireStarted();
                long earliest = long.MaxValue;
                for (int i = 0; i < taskCount; i++)
                {
                    if (nextReleasesMicroseconds[i] < earliest)
                    {
                        earliest = nextReleasesMicroseconds[i];
                    }
                }

                return earliest;
            }
        }

        /// <summary>
        /// Runs every task whose release time has come, in priority order, and returns how many ran.
        /// A task that falls behind by more than one period skips the missed releases instead of
        /// running back to back; each skipped release is counted.
        /// </summary>
        public int RunDueTasks()
        {
            RequireStarted();
            int ran = 0;
            for (int i = 0; i < taskCount; i++)
            {
                long release = nextReleasesMicroseconds[i];
                long start = clock.NowMicroseconds;
                if (start < release)
                {
                    continue;
                }

                tasks[i].Run(start);
                long end = clock.NowMicroseconds;
                RecordActivation(i, release, start, end);
                ran++;
            }

            return ran;
        }

        private void RecordActivation(int index, long release, long start, long end)
        {
            long period = periodsMicroseconds[index];
            long execution = end - start;
            lastExecutionMicroseconds[index] = execution;
            if (execution > maxExecutionMicroseconds[index])
            {
                maxExecutionMicroseconds[index] = execution;
            }

            long latency = start - release;
            if (latency > maxReleaseLatencyMicroseconds[index])
            {
                maxReleaseLatencyMicroseconds[index] = latency;
            }

            // Start-to-start intervals set the sampling period of a signal, so they are tracked apart from the
            // release latency. The first activation has no interval.
            if (runCounts[index] > 0)
            {
                long interval = start - lastStartMicroseconds[index];
                if (interval > maxIntervalMicroseconds[index])
                {
                    maxIntervalMicroseconds[index] = interval;
                }

                long jitter = interval > period ? interval - period : period - interval;
                if (jitter > maxJitterMicroseconds[index])
                {
                    maxJitterMicroseconds[index] = jitter;
                }
            }

            lastStartMicroseconds[index] = start;
            runCounts[index]++;

            long deadline = release + period;
            if (end > deadline)
            {
                overrunCounts[index]++;
            }

            // Releases that passed while the activation ran are dropped. A release at the very end of
            // the activation is not late and stays due.
            long next = deadline;
            if (next < end)
            {
                long skipped = (end - next + period - 1) / period;
                skippedReleaseCounts[index] += skipped;
                next += skipped * period;
            }

            nextReleasesMicroseconds[index] = next;
        }

        /// <summary>Name given at registration.</summary>
        public string GetName(int index)
        {
            CheckIndex(index);
            return names[index];
        }

        /// <summary>Period given at registration, in microseconds.</summary>
        public long GetPeriodMicroseconds(int index)
        {
            CheckIndex(index);
            return periodsMicroseconds[index];
        }

        /// <summary>Number of completed activations.</summary>
        public long GetRunCount(int index)
        {
            CheckIndex(index);
            return runCounts[index];
        }

        /// <summary>Execution time of the latest activation, in microseconds.</summary>
        public long GetLastExecutionMicroseconds(int index)
        {
            CheckIndex(index);
            return lastExecutionMicroseconds[index];
        }

        /// <summary>Longest execution time seen, in microseconds.</summary>
        public long GetMaxExecutionMicroseconds(int index)
        {
            CheckIndex(index);
            return maxExecutionMicroseconds[index];
        }

        /// <summary>Longest delay from release to start seen, in microseconds (release jitter).</summary>
        public long GetMaxReleaseLatencyMicroseconds(int index)
        {
            CheckIndex(index);
            return maxReleaseLatencyMicroseconds[index];
        }

        /// <summary>
        /// Longest time between the starts of two consecutive activations, in microseconds; 0 before the second
        /// activation. This is the sampling period that a task reading a sensor achieves in the worst case.
        /// </summary>
        public long GetMaxIntervalMicroseconds(int index)
        {
            CheckIndex(index);
            return maxIntervalMicroseconds[index];
        }

        /// <summary>
        /// Largest deviation of a start-to-start interval from the period, early or late, in microseconds.
        /// </summary>
        public long GetMaxJitterMicroseconds(int index)
        {
            CheckIndex(index);
            return maxJitterMicroseconds[index];
        }

        /// <summary>Activations that ended after the task's next release.</summary>
        public long GetOverrunCount(int index)
        {
            CheckIndex(index);
            return overrunCounts[index];
        }

        /// <summary>Releases that were dropped because the task was still late.</summary>
        public long GetSkippedReleaseCount(int index)
        {
            CheckIndex(index);
            return skippedReleaseCounts[index];
        }

        private void CheckIndex(int index)
        {
            if (index < 0 || index >= taskCount)
            {
                throw new ArgumentOutOfRangeException("index", "No task is registered at this index.");
            }
        }

        private void RequireStarted()
        {
            if (!started)
            {
                throw new InvalidOperationException("Call Start before dispatching tasks.");
            }
        }
    }
}
