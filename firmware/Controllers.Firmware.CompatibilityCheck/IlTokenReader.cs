using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Controllers.Firmware.CompatibilityCheck
{
    /// <summary>Lists the metadata tokens that a method body's IL refers to (types, fields, methods, signatures).</summary>
    internal static class IlTokenReader
    {
        private static readonly Dictionary<short, OperandType> OperandTypes = LoadOperandTypes();

        public static List<EntityHandle> ReadTokens(MethodBodyBlock body)
        {
            List<EntityHandle> tokens = new List<EntityHandle>();
            BlobReader il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short opCode = il.ReadByte();
                if (opCode == 0xFE)
                {
                    opCode = unchecked((short)(0xFE00 | il.ReadByte()));
                }

                if (!OperandTypes.TryGetValue(opCode, out OperandType operandType))
                {
                    throw new BadImageFormatException("Invalid IL opcode 0x" + opCode.ToString("X4") + " at IL offset " + il.Offset + ".");
                }

                switch (operandType)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineSwitch:
                        int targetCount = il.ReadInt32();
                        il.Offset += 4 * targetCount;
                        break;
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineSig:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                        tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    default:
                        // InlineBrTarget, InlineI, InlineString and ShortInlineR carry 4 bytes that are not entity tokens.
                        il.Offset += 4;
                        break;
                }
            }

            return tokens;
        }

        private static Dictionary<short, OperandType> LoadOperandTypes()
        {
            Dictionary<short, OperandType> operandTypes = new Dictionary<short, OperandType>();
            foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                if (field.GetValue(null) is OpCode opCode)
                {
                    operandTypes[opCode.Value] = opCode.OperandType;
                }
            }

            return operandTypes;
        }
    }
}
