using System;
using Controllers.Firmware.Common.Can.Generated;

namespace Controllers.Firmware.Common.Parameters
{
    /// <summary>
    /// Table of the board's parameters: each entry has a 16-bit id, a name, a <see cref="ParameterType"/>, a
    /// <see cref="ParameterUnit"/>, minimum, maximum, default and (for integers) a scale, and its current value.
    /// Values are kept as 32-bit patterns in one preallocated array (two's complement or IEEE 754 bits), so
    /// reading and writing a value allocates nothing. Entries are added at start-up and never removed; the
    /// position of an entry is its index, and DID 0x4000 + index reads or writes it.
    /// </summary>
    public sealed class ParameterDatabase
    {
        /// <summary>Longest parameter name, in ASCII characters.</summary>
        public const int MaximumNameLength = 32;

        private readonly ushort[] ids;
        private readonly string[] names;
        private readonly byte[] types;
        private readonly byte[] units;
        private readonly uint[] minimums;
        private readonly uint[] maximums;
        private readonly uint[] defaults;
        private readonly float[] scales;
        private readonly uint[] values;
        private int count;
        private int changeCount;

        /// <summary>Creates an empty database with room for <paramref name="capacity"/> parameters.</summary>
        public ParameterDatabase(int capacity)
        {
            if (capacity < 1 || capacity > 255)
            {
                throw new ArgumentOutOfRangeException("capacity", "capacity = " + capacity + " is outside 1 to 255 parameters (DIDs 0x4000 to 0x40FE).");
            }

            ids = new ushort[capacity];
            names = new string[capacity];
            types = new byte[capacity];
            units = new byte[capacity];
            minimums = new uint[capacity];
            maximums = new uint[capacity];
            defaults = new uint[capacity];
            scales = new float[capacity];
            values = new uint[capacity];
        }

        /// <summary>Number of parameters.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>Room for parameters.</summary>
        public int Capacity
        {
            get { return ids.Length; }
        }

        /// <summary>Counter that every accepted value change increments, so a saver can tell whether the values changed.</summary>
        public int ChangeCount
        {
            get { return changeCount; }
        }

        /// <summary>Adds a float parameter in <paramref name="unit"/>, with its limits and default (the current value starts at the default).</summary>
        public int AddFloat(int id, string name, byte unit, float minimum, float maximum, float defaultValue)
        {
            if (!(minimum <= maximum) || !(defaultValue >= minimum && defaultValue <= maximum))
            {
                throw new ArgumentOutOfRangeException("defaultValue", "Parameter " + name + ": the limits " + minimum.ToString() + " to " + maximum.ToString()
                    + " must be ordered and contain the default " + defaultValue.ToString() + ".");
            }

            return Add(id, name, ParameterType.Float32, unit, IeeeBits.SingleToBits(minimum), IeeeBits.SingleToBits(maximum), IeeeBits.SingleToBits(defaultValue), 1f);
        }

        /// <summary>
        /// Adds an integer parameter whose physical value in <paramref name="unit"/> is the integer times
        /// <paramref name="scale"/> (1 for plain integers).
        /// </summary>
        public int AddInt32(int id, string name, byte unit, int minimum, int maximum, int defaultValue, float scale)
        {
            CheckIntegerLimits(name, minimum, maximum, defaultValue);
            if (!(scale > 0f) || scale > 1e6f)
            {
                throw new ArgumentOutOfRangeException("scale", "Parameter " + name + ": scale = " + scale.ToString() + " must be a positive number up to 1e6.");
            }

            return Add(id, name, ParameterType.Int32, unit, (uint)minimum, (uint)maximum, (uint)defaultValue, scale);
        }

        /// <summary>Adds an enumeration parameter with codes <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
        public int AddEnum(int id, string name, int minimum, int maximum, int defaultValue)
        {
            CheckIntegerLimits(name, minimum, maximum, defaultValue);
            return Add(id, name, ParameterType.Enum, ParameterUnit.None, (uint)minimum, (uint)maximum, (uint)defaultValue, 1f);
        }

        /// <summary>Adds a boolean parameter (0 or 1).</summary>
        public int AddBool(int id, string name, bool defaultValue)
        {
            return Add(id, name, ParameterType.Bool, ParameterUnit.None, 0, 1, defaultValue ? 1u : 0u, 1f);
        }

        /// <summary>Returns the index of parameter <paramref name="id"/>, or -1 when it is not in the database.</summary>
        public int IndexOf(int id)
        {
            for (int i = 0; i < count; i++)
            {
                if (ids[i] == id)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Returns the index of parameter <paramref name="id"/> and throws when it is missing.</summary>
        public int RequireIndex(int id)
        {
            int index = IndexOf(id);
            if (index < 0)
            {
                throw new ArgumentException("Parameter id 0x" + id.ToString("X4") + " is not in the database.", "id");
            }

            return index;
        }

        /// <summary>Returns the id of the parameter at <paramref name="index"/>.</summary>
        public int IdAt(int index)
        {
            CheckIndex(index);
            return ids[index];
        }

        /// <summary>Returns the name of the parameter at <paramref name="index"/>.</summary>
        public string NameAt(int index)
        {
            CheckIndex(index);
            return names[index];
        }

        /// <summary>Returns the <see cref="ParameterType"/> of the parameter at <paramref name="index"/>.</summary>
        public byte TypeAt(int index)
        {
            CheckIndex(index);
            return types[index];
        }

        /// <summary>Returns the <see cref="ParameterUnit"/> code of the parameter at <paramref name="index"/>.</summary>
        public byte UnitAt(int index)
        {
            CheckIndex(index);
            return units[index];
        }

        /// <summary>Returns the scale of the parameter at <paramref name="index"/>; 1 for every type but scaled integers.</summary>
        public float ScaleAt(int index)
        {
            CheckIndex(index);
            return scales[index];
        }

        /// <summary>Returns the 32-bit pattern of the minimum of the parameter at <paramref name="index"/>.</summary>
        public uint MinimumBitsAt(int index)
        {
            CheckIndex(index);
            return minimums[index];
        }

        /// <summary>Returns the 32-bit pattern of the maximum of the parameter at <paramref name="index"/>.</summary>
        public uint MaximumBitsAt(int index)
        {
            CheckIndex(index);
            return maximums[index];
        }

        /// <summary>Returns the 32-bit pattern of the default of the parameter at <paramref name="index"/>.</summary>
        public uint DefaultBitsAt(int index)
        {
            CheckIndex(index);
            return defaults[index];
        }

        /// <summary>Returns the 32-bit pattern of the current value of the parameter at <paramref name="index"/>.</summary>
        public uint ValueBitsAt(int index)
        {
            CheckIndex(index);
            return values[index];
        }

        /// <summary>Returns the current value of float parameter <paramref name="id"/>.</summary>
        public float GetFloat(int id)
        {
            int index = RequireIndex(id);
            CheckType(index, ParameterType.Float32);
            return IeeeBits.BitsToSingle(values[index]);
        }

        /// <summary>Returns the current value of integer or enumeration parameter <paramref name="id"/> (the stored integer, not scaled).</summary>
        public int GetInt32(int id)
        {
            int index = RequireIndex(id);
            if (types[index] != ParameterType.Int32 && types[index] != ParameterType.Enum)
            {
                throw new InvalidOperationException("Parameter " + names[index] + " is not an integer or enumeration.");
            }

            return (int)values[index];
        }

        /// <summary>Returns the current value of boolean parameter <paramref name="id"/>.</summary>
        public bool GetBool(int id)
        {
            int index = RequireIndex(id);
            CheckType(index, ParameterType.Bool);
            return values[index] != 0;
        }

        /// <summary>True when <paramref name="bits"/> is a value within the limits of the parameter at <paramref name="index"/>.</summary>
        public bool IsInRange(int index, uint bits)
        {
            CheckIndex(index);
            if (types[index] == ParameterType.Float32)
            {
                // NaN fails both comparisons, so it is out of range.
                float value = IeeeBits.BitsToSingle(bits);
                return value >= IeeeBits.BitsToSingle(minimums[index]) && value <= IeeeBits.BitsToSingle(maximums[index]);
            }

            int integer = (int)bits;
            return integer >= (int)minimums[index] && integer <= (int)maximums[index];
        }

        /// <summary>
        /// Sets the parameter at <paramref name="index"/> to <paramref name="bits"/> when the value lies within
        /// its limits. Returns false and keeps the old value otherwise.
        /// </summary>
        public bool TrySetBits(int index, uint bits)
        {
            if (!IsInRange(index, bits))
            {
                return false;
            }

            if (values[index] != bits)
            {
                values[index] = bits;
                changeCount++;
            }

            return true;
        }

        /// <summary>Sets float parameter <paramref name="id"/>; returns false when the value is out of range.</summary>
        public bool TrySetFloat(int id, float value)
        {
            int index = RequireIndex(id);
            CheckType(index, ParameterType.Float32);
            return TrySetBits(index, IeeeBits.SingleToBits(value));
        }

        /// <summary>Sets integer, enumeration or boolean parameter <paramref name="id"/>; returns false when the value is out of range.</summary>
        public bool TrySetInt32(int id, int value)
        {
            int index = RequireIndex(id);
            if (!ParameterType.IsInteger(types[index]))
            {
                throw new InvalidOperationException("Parameter " + names[index] + " is a float; use TrySetFloat.");
            }

            return TrySetBits(index, (uint)value);
        }

        /// <summary>Sets every parameter to its default.</summary>
        public void RestoreDefaults()
        {
            for (int i = 0; i < count; i++)
            {
                if (values[i] != defaults[i])
                {
                    values[i] = defaults[i];
                    changeCount++;
                }
            }
        }

        private int Add(int id, string name, byte type, byte unit, uint minimum, uint maximum, uint defaultValue, float scale)
        {
            if (count == ids.Length)
            {
                throw new InvalidOperationException("The parameter database is full (" + ids.Length + " entries); create it with a larger capacity.");
            }

            if (id < 0 || id > 0xFFFF)
            {
                throw new ArgumentOutOfRangeException("id", "Parameter id " + id + " must have 16 bits (0 to 65535).");
            }

            if (IndexOf(id) >= 0)
            {
                throw new ArgumentException("Parameter id 0x" + id.ToString("X4") + " is already in the database.", "id");
            }

            CheckName(name);
            if (unit > ParameterUnit.MaximumCode)
            {
                throw new ArgumentOutOfRangeException("unit", "Parameter " + name + ": unit code " + unit + " is not defined in ParameterUnit.");
            }

            int index = count;
            ids[index] = (ushort)id;
            names[index] = name;
            types[index] = type;
            units[index] = unit;
            minimums[index] = minimum;
            maximums[index] = maximum;
            defaults[index] = defaultValue;
            scales[index] = scale;
            values[index] = defaultValue;
            count++;
            return index;
        }

        private void CheckName(string name)
        {
            if (name == null || name.Length == 0 || name.Length > MaximumNameLength)
            {
                throw new ArgumentException("A parameter name must have 1 to " + MaximumNameLength + " characters.", "name");
            }

            // Names travel as ASCII in the descriptor, and the host matches them on the command line.
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
                if (!valid)
                {
                    throw new ArgumentException("Parameter name " + name + " may contain only ASCII letters, digits, '.', '_' and '-'.", "name");
                }
            }

            for (int i = 0; i < count; i++)
            {
                if (names[i] == name)
                {
                    throw new ArgumentException("Parameter name " + name + " is already in the database.", "name");
                }
            }
        }

        private static void CheckIntegerLimits(string name, int minimum, int maximum, int defaultValue)
        {
            if (minimum > maximum || defaultValue < minimum || defaultValue > maximum)
            {
                throw new ArgumentOutOfRangeException("defaultValue", "Parameter " + name + ": the limits " + minimum + " to " + maximum
                    + " must be ordered and contain the default " + defaultValue + ".");
            }
        }

        private void CheckType(int index, byte type)
        {
            if (types[index] != type)
            {
                throw new InvalidOperationException("Parameter " + names[index] + " has type " + types[index] + ", not " + type + ".");
            }
        }

        private void CheckIndex(int index)
        {
            if (index < 0 || index >= count)
            {
                throw new ArgumentOutOfRangeException("index", "index = " + index + " must be less than the parameter count " + count + ".");
            }
        }
    }
}
