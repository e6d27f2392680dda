using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Controllers.Firmware.CompatibilityCheck
{
    /// <summary>
    /// The generic delegate types that an mscorlib declares (System.Action`1, System.Func`2, ...). The check
    /// allows instantiations of these because the nanoFramework mscorlib itself declares them.
    /// </summary>
    public static class GenericDelegateCatalog
    {
        private const string MulticastDelegate = "System.MulticastDelegate";

        /// <summary>Returns the metadata names, with arity, of every generic delegate declared in <paramref name="mscorlibPath"/>.</summary>
        public static ISet<string> Read(string mscorlibPath)
        {
            using FileStream stream = File.OpenRead(mscorlibPath);
            using PEReader peReader = new PEReader(stream);
            if (!peReader.HasMetadata)
            {
                throw new BadImageFormatException("'" + mscorlibPath + "' has no .NET metadata.");
            }

            MetadataReader reader = peReader.GetMetadataReader();
            HashSet<string> delegates = new HashSet<string>(StringComparer.Ordinal);
            foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
            {
                TypeDefinition definition = reader.GetTypeDefinition(handle);
                if (definition.GetGenericParameters().Count == 0 || definition.BaseType.IsNil)
                {
                    continue;
                }

                string baseTypeName;
                switch (definition.BaseType.Kind)
                {
                    case HandleKind.TypeDefinition:
                        baseTypeName = MetadataNames.GetTypeName(reader, (TypeDefinitionHandle)definition.BaseType);
                        break;
                    case HandleKind.TypeReference:
                        baseTypeName = MetadataNames.GetTypeName(reader, (TypeReferenceHandle)definition.BaseType);
                        break;
                    default:
                        continue;
                }

                if (baseTypeName == MulticastDelegate)
                {
                    delegates.Add(MetadataNames.GetTypeName(reader, handle));
                }
            }

            return delegates;
        }
    }
}
