using System;

namespace Controllers.Firmware.Common.Diagnostics
{
    // SecurityAccess (0x27): seed and key, failed attempt counter and delay.
    public sealed partial class UdsServer
    {
        /// <summary>Length of a SecurityAccess seed and key in bytes.</summary>
        public const int SecuritySeedLengthBytes = 4;

        /// <summary>Wrong keys in a row after which the server rejects SecurityAccess for <see cref="SecurityDelayMicroseconds"/>.</summary>
        public const int MaxFailedSecurityAttempts = 3;

        /// <summary>Delay after too many wrong keys, and at power-up when the stored count of wrong keys is not 0.</summary>
        public const long SecurityDelayMicroseconds = 10000000;

        private readonly byte[] seed = new byte[SecuritySeedLengthBytes];
        private readonly byte[] mac = new byte[Sha256.HashSizeBytes];
        private HmacSha256? keyHmac;
        private IUdsRandomSource? randomSource;
        private IUdsSecurityAttemptStore? attemptStore;
        private int securityLevelCount;
        private int unlockedLevel;
        private int seedLevel;
        private int failedAttempts;
        private bool delayActive;
        private long delayEndMicroseconds;

        /// <summary>
        /// Requested security level that is unlocked: the requestSeed sub-function (0x01, 0x03, ...), or 0
        /// while locked.
        /// </summary>
        public int UnlockedSecurityLevel
        {
            get { return unlockedLevel; }
        }

        /// <summary>Wrong keys since the last correct key.</summary>
        public int FailedSecurityAttempts
        {
            get { return failedAttempts; }
        }

        /// <summary>
        /// Enables SecurityAccess with <paramref name="levelCount"/> levels: requestSeed 0x01 and sendKey
        /// 0x02 for the first, 0x03 and 0x04 for the second, and so on. The key of every level is the first
        /// 4 bytes of HMAC-SHA256(<paramref name="secret"/>, seed). When the stored count of wrong keys is
        /// not 0, the delay starts now, so that a reset cannot skip it.
        /// </summary>
        public void ConfigureSecurity(byte[] secret, int levelCount, IUdsRandomSource random, IUdsSecurityAttemptStore store)
        {
            if (secret == null)
            {
                throw new ArgumentNullException("secret");
            }

            if (secret.Length < 16)
            {
                throw new ArgumentException("The security secret must have at least 16 bytes.", "secret");
            }

            if (levelCount < 1 || levelCount > 0x20)
            {
                throw new ArgumentOutOfRangeException("levelCount", "SecurityAccess has 1 to 32 levels (requestSeed 0x01 to 0x3F).");
            }

            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            keyHmac = new HmacSha256(secret, 0, secret.Length);
            securityLevelCount = levelCount;
            randomSource = random;
            attemptStore = store;
            failedAttempts = store.LoadFailedAttempts();
            if (failedAttempts < 0)
            {
                failedAttempts = 0;
            }

            LockSecurity();
            if (failedAttempts > 0)
            {
                StartSecurityDelay(clock.NowMicroseconds);
            }
        }

        private bool IsUnlocked(int securityLevel)
        {
            return securityLevel == 0 || unlockedLevel == securityLevel;
        }

        private void LockSecurity()
        {
            unlockedLevel = 0;
            seedLevel = 0;
        }

        private void StartSecurityDelay(long now)
        {
            delayActive = true;
            delayEndMicroseconds = now + SecurityDelayMicroseconds;
        }

        private bool IsSecurityDelayActive(long now)
        {
            if (delayActive && now >= delayEndMicroseconds)
            {
                delayActive = false;
            }

            return delayActive;
        }

        private void HandleSecurityAccess(byte[] request, int length, long now)
        {
            const byte serviceId = UdsServiceId.SecurityAccess;
            if (keyHmac == null)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupported);
                return;
            }

            if (session == UdsSession.Default)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupportedInActiveSession);
                return;
            }

            if (length < 2)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            int subFunction = request[1] & 0x7F;
            if (subFunction == 0 || subFunction > 2 * securityLevelCount)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SubFunctionNotSupported);
                return;
            }

            if ((subFunction & 1) != 0)
            {
                HandleRequestSeed(request, length, subFunction, now);
            }
            else
            {
                HandleSendKey(request, length, subFunction, now);
            }
        }

        private void HandleRequestSeed(byte[] request, int length, int level, long now)
        {
            const byte serviceId = UdsServiceId.SecurityAccess;

            // A securityAccessDataRecord after the sub-function is allowed by the standard and ignored here.
            if (IsSecurityDelayActive(now))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequiredTimeDelayNotExpired);
                return;
            }

            response[1] = (byte)level;
            if (unlockedLevel == level)
            {
                // For a level that is already unlocked, the seed is all zeros.
                for (int i = 0; i < SecuritySeedLengthBytes; i++)
                {
                    response[2 + i] = 0;
                }

                SendPositive(serviceId, 2 + SecuritySeedLengthBytes, IsSuppressed(request));
                return;
            }

            uint value = randomSource!.NextUInt32();
            if (value == 0)
            {
                // Zero means "already unlocked", so it cannot be a seed.
                value = 1;
            }

            seed[0] = (byte)(value >> 24);
            seed[1] = (byte)(value >> 16);
            seed[2] = (byte)(value >> 8);
            seed[3] = (byte)value;
            seedLevel = level;
            Array.Copy(seed, 0, response, 2, SecuritySeedLengthBytes);
            SendPositive(serviceId, 2 + SecuritySeedLengthBytes, IsSuppressed(request));
        }

        private void HandleSendKey(byte[] request, int length, int subFunction, long now)
        {
            const byte serviceId = UdsServiceId.SecurityAccess;
            if (length != 2 + SecuritySeedLengthBytes)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            if (IsSecurityDelayActive(now))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequiredTimeDelayNotExpired);
                return;
            }

            int level = subFunction - 1;
            if (seedLevel != level)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestSequenceError);
                return;
            }

            // Every key attempt uses up the seed, so a wrong key needs a new seed.
            seedLevel = 0;
            keyHmac!.Compute(seed, 0, SecuritySeedLengthBytes, mac, 0);
            bool match = true;
            for (int i = 0; i < SecuritySeedLengthBytes; i++)
            {
                if (mac[i] != request[2 + i])
                {
                    match = false;
                }
            }

            if (!match)
            {
                failedAttempts++;
                attemptStore!.StoreFailedAttempts(failedAttempts);

                // After the delay one more attempt is allowed, and the next wrong key starts the delay again.
                if (failedAttempts >= MaxFailedSecurityAttempts)
                {
                    StartSecurityDelay(now);
                    SendNegative(serviceId, UdsNegativeResponseCode.ExceededNumberOfAttempts);
                    return;
                }

                SendNegative(serviceId, UdsNegativeResponseCode.InvalidKey);
                return;
            }

            if (failedAttempts != 0)
            {
                failedAttempts = 0;
                attemptStore!.StoreFailedAttempts(0);
            }

            unlockedLevel = level;
            response[1] = (byte)subFunction;
            SendPositive(serviceId, 2, IsSuppressed(request));
        }
    }
}
