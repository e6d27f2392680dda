using System.Reflection.Metadata;

namespace Controllers.Firmware.CompatibilityCheck
{
    /// <summary>Namespace-qualified names of metadata entities, with nested types joined by '.'.</summary>
    internal static class MetadataNames
    {
        public const string Mscorlib = "mscorlib";

        public static string GetTypeName(MetadataReader reader, TypeDefinitionHandle handle)
        {
            TypeDefinition definition = reader.GetTypeDefinition(handle);
            string name = reader.GetString(definition.Name);
            TypeDefinitionHandle declaringType = definition.GetDeclaringType();
            if (!declaringType.IsNil)
            {
                return GetTypeName(reader, declaringType) + "." + name;
            }

            string ns = reader.GetString(definition.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public static string GetTypeName(MetadataReader reader, TypeReferenceHandle handle)
        {
            TypeReference reference = reader.GetTypeReference(handle);
            string name = reader.GetString(reference.Name);
            if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return GetTypeName(reader, (TypeReferenceHandle)reference.ResolutionScope) + "." + name;
            }

            string ns = reader.GetString(reference.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>Returns the name of a TypeDef, TypeRef or TypeSpec (decoded to C# spelling).</summary>
        public static string GetTypeName(MetadataReader reader, EntityHandle handle, SignatureTypeProvider provider, GenericContext context)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    return GetTypeName(reader, (TypeDefinitionHandle)handle);
                case HandleKind.TypeReference:
                    return GetTypeName(reader, (TypeReferenceHandle)handle);
                case HandleKind.TypeSpecification:
                    return reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, context).DisplayName;
                default:
                    return handle.Kind.ToString();
            }
        }

        /// <summary>True when the outermost resolution scope of the reference is the mscorlib assembly.</summary>
        public static bool IsFromMscorlib(MetadataReader reader, TypeReferenceHandle handle)
        {
            EntityHandle scope = reader.GetTypeReference(handle).ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
            }

            return scope.Kind == HandleKind.AssemblyReference
                && reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name) == Mscorlib;
        }

        /// <summary>Removes the `N arity suffixes that metadata adds to generic type names.</summary>
        public static string StripArity(string name)
        {
            System.Text.StringBuilder result = new System.Text.StringBuilder(name.Length);
            int i = 0;
            while (i < name.Length)
            {
                if (name[i] == '`')
                {
                    i++;
                    while (i < name.Length && char.IsDigit(name[i]))
                    {
                        i++;
                    }

                    continue;
                }

                result.Append(name[i]);
                i++;
            }

            return result.ToString();
        }
    }
}
