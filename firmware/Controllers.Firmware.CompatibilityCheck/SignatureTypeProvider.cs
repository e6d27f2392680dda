using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection.Metadata;

namespace Controllers.Firmware.CompatibilityCheck
{
    /// <summary>Names of the generic parameters in scope while a signature is decoded.</summary>
    internal sealed record GenericContext(ImmutableArray<string> TypeParameters, ImmutableArray<string> MethodParameters)
    {
        public static readonly GenericContext Empty = new GenericContext(ImmutableArray<string>.Empty, ImmutableArray<string>.Empty);
    }

    /// <summary>
    /// Decodes signature blobs into <see cref="DecodedType"/> values and records multidimensional arrays,
    /// value tuples and generic instantiations that are not generic delegates of the nanoFramework mscorlib.
    /// </summary>
    internal sealed class SignatureTypeProvider : ISignatureTypeProvider<DecodedType, GenericContext>
    {
        private const string ValueTupleName = "ValueTuple";
        private const string TupleElementNamesAttributeName = "System.Runtime.CompilerServices.TupleElementNamesAttribute";

        private readonly ISet<string> allowedGenericDelegates;

        public SignatureTypeProvider(ISet<string> allowedGenericDelegates)
        {
            this.allowedGenericDelegates = allowedGenericDelegates;
        }

        /// <summary>Returns true for System.ValueTuple, System.ValueTuple`N and TupleElementNamesAttribute.</summary>
        public static bool IsValueTupleType(string metadataName)
        {
            if (metadataName == TupleElementNamesAttributeName)
            {
                return true;
            }

            string prefix = "System." + ValueTupleName;
            return metadataName == prefix || metadataName.StartsWith(prefix + "`", System.StringComparison.Ordinal);
        }

        public DecodedType GetPrimitiveType(PrimitiveTypeCode typeCode)
        {
            return DecodedType.Simple(GetPrimitiveName(typeCode));
        }

        public DecodedType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            string metadataName = MetadataNames.GetTypeName(reader, handle);
            return Named(metadataName, isFromMscorlib: false);
        }

        public DecodedType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            string metadataName = MetadataNames.GetTypeName(reader, handle);
            return Named(metadataName, MetadataNames.IsFromMscorlib(reader, handle));
        }

        public DecodedType GetTypeFromSpecification(MetadataReader reader, GenericContext genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        {
            return reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        }

        public DecodedType GetSZArrayType(DecodedType elementType)
        {
            return DecodedType.Composite(elementType.DisplayName + "[]", new[] { elementType }, null);
        }

        public DecodedType GetArrayType(DecodedType elementType, ArrayShape shape)
        {
            // ELEMENT_TYPE_ARRAY (0x14): rank 2 or more, or a rank-1 array with explicit bounds.
            string name = elementType.DisplayName + "[" + new string(',', shape.Rank - 1) + "]";
            return DecodedType.Composite(name, new[] { elementType }, new SignatureIssue(CompatibilityRule.MultidimensionalArray, name));
        }

        public DecodedType GetByReferenceType(DecodedType elementType)
        {
            return DecodedType.Composite("ref " + elementType.DisplayName, new[] { elementType }, null);
        }

        public DecodedType GetPointerType(DecodedType elementType)
        {
            return DecodedType.Composite(elementType.DisplayName + "*", new[] { elementType }, null);
        }

        public DecodedType GetPinnedType(DecodedType elementType)
        {
            return elementType;
        }

        public DecodedType GetModifiedType(DecodedType modifier, DecodedType unmodifiedType, bool isRequired)
        {
            return DecodedType.Composite(unmodifiedType.DisplayName, new[] { modifier, unmodifiedType }, null);
        }

        public DecodedType GetFunctionPointerType(MethodSignature<DecodedType> signature)
        {
            IEnumerable<DecodedType> parts = signature.ParameterTypes.Append(signature.ReturnType);
            string name = "delegate*<" + string.Join(", ", parts.Select(part => part.DisplayName)) + ">";
            return DecodedType.Composite(name, parts, null);
        }

        public DecodedType GetGenericTypeParameter(GenericContext genericContext, int index)
        {
            return DecodedType.Simple(index < genericContext.TypeParameters.Length ? genericContext.TypeParameters[index] : "!" + index);
        }

        public DecodedType GetGenericMethodParameter(GenericContext genericContext, int index)
        {
            return DecodedType.Simple(index < genericContext.MethodParameters.Length ? genericContext.MethodParameters[index] : "!!" + index);
        }

        public DecodedType GetGenericInstantiation(DecodedType genericType, ImmutableArray<DecodedType> typeArguments)
        {
            string definitionName = MetadataNames.StripArity(genericType.DisplayName);
            string name = definitionName + "<" + string.Join(", ", typeArguments.Select(argument => argument.DisplayName)) + ">";
            bool isAllowedDelegate = genericType.IsFromMscorlib && allowedGenericDelegates.Contains(genericType.MetadataName);

            // A tuple already carries its ValueTuple issue, which names the better fix.
            SignatureIssue? issue = isAllowedDelegate || IsValueTupleType(genericType.MetadataName)
                ? null
                : new SignatureIssue(CompatibilityRule.GenericInstantiation, name);
            return DecodedType.Composite(name, typeArguments.Prepend(genericType), issue).WithTypeArguments(typeArguments);
        }

        private static DecodedType Named(string metadataName, bool isFromMscorlib)
        {
            ImmutableArray<SignatureIssue> issues = IsValueTupleType(metadataName)
                ? ImmutableArray.Create(new SignatureIssue(CompatibilityRule.ValueTuple, metadataName))
                : ImmutableArray<SignatureIssue>.Empty;
            return new DecodedType(metadataName, metadataName, isFromMscorlib, issues);
        }

        private static string GetPrimitiveName(PrimitiveTypeCode typeCode)
        {
            switch (typeCode)
            {
                case PrimitiveTypeCode.Boolean: return "bool";
                case PrimitiveTypeCode.Byte: return "byte";
                case PrimitiveTypeCode.SByte: return "sbyte";
                case PrimitiveTypeCode.Char: return "char";
                case PrimitiveTypeCode.Int16: return "short";
                case PrimitiveTypeCode.UInt16: return "ushort";
                case PrimitiveTypeCode.Int32: return "int";
                case PrimitiveTypeCode.UInt32: return "uint";
                case PrimitiveTypeCode.Int64: return "long";
                case PrimitiveTypeCode.UInt64: return "ulong";
                case PrimitiveTypeCode.Single: return "float";
                case PrimitiveTypeCode.Double: return "double";
                case PrimitiveTypeCode.IntPtr: return "nint";
                case PrimitiveTypeCode.UIntPtr: return "nuint";
                case PrimitiveTypeCode.Object: return "object";
                case PrimitiveTypeCode.String: return "string";
                case PrimitiveTypeCode.Void: return "void";
                case PrimitiveTypeCode.TypedReference: return "System.TypedReference";
                default: return typeCode.ToString();
            }
        }
    }
}
