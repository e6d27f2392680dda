using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Controllers.Firmware.CompatibilityCheck
{
    /// <summary>
    /// Reads the metadata of an assembly compiled against the nanoFramework mscorlib and lists the constructs
    /// that the compiler accepts but nanoFramework 1.x cannot run. These are generic definitions, generic
    /// instantiations other than the mscorlib generic delegates, multidimensional arrays, value tuples and
    /// references to assemblies other than mscorlib.
    /// </summary>
    public sealed class NanoFrameworkCompatibilityChecker
    {
        private readonly ISet<string> allowedGenericDelegates;

        /// <summary>Creates a checker that allows the generic delegates declared in the mscorlib at <paramref name="mscorlibPath"/>.</summary>
        public NanoFrameworkCompatibilityChecker(string mscorlibPath)
            : this(GenericDelegateCatalog.Read(mscorlibPath))
        {
        }

        /// <summary>Creates a checker that allows the given generic delegates (metadata names such as System.Action`1).</summary>
        public NanoFrameworkCompatibilityChecker(ISet<string> allowedGenericDelegates)
        {
            this.allowedGenericDelegates = allowedGenericDelegates;
        }

        /// <summary>Generic delegates whose instantiations pass, as metadata names with arity.</summary>
        public IReadOnlyCollection<string> AllowedGenericDelegates
        {
            get { return allowedGenericDelegates.OrderBy(name => name, StringComparer.Ordinal).ToArray(); }
        }

        /// <summary>Checks the assembly file at <paramref name="assemblyPath"/>.</summary>
        public IReadOnlyList<Violation> Check(string assemblyPath)
        {
            using FileStream stream = File.OpenRead(assemblyPath);
            return Check(stream);
        }

        /// <summary>Checks an assembly image. The stream must stay open until the method returns.</summary>
        public IReadOnlyList<Violation> Check(Stream assemblyImage)
        {
            using PEReader peReader = new PEReader(assemblyImage, PEStreamOptions.LeaveOpen);
            if (!peReader.HasMetadata)
            {
                throw new BadImageFormatException("The image has no .NET metadata.");
            }

            AssemblyInspection inspection = new AssemblyInspection(peReader, new SignatureTypeProvider(allowedGenericDelegates));
            return inspection.Run();
        }

        /// <summary>The state of one check: the reader, the visited entities and the violations found so far.</summary>
        private sealed class AssemblyInspection
        {
            private readonly PEReader peReader;
            private readonly MetadataReader reader;
            private readonly SignatureTypeProvider provider;
            private readonly List<Violation> violations = new List<Violation>();
            private readonly HashSet<string> messages = new HashSet<string>(StringComparer.Ordinal);
            private readonly HashSet<EntityHandle> visited = new HashSet<EntityHandle>();
            private readonly string assemblyName;

            public AssemblyInspection(PEReader peReader, SignatureTypeProvider provider)
            {
                this.peReader = peReader;
                reader = peReader.GetMetadataReader();
                this.provider = provider;
                assemblyName = reader.IsAssembly
                    ? reader.GetString(reader.GetAssemblyDefinition().Name)
                    : reader.GetString(reader.GetModuleDefinition().Name);
            }

            public IReadOnlyList<Violation> Run()
            {
                CheckAssemblyReferences();

                foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
                {
                    CheckType(handle);
                }

                foreach (CustomAttributeHandle handle in reader.CustomAttributes)
                {
                    CustomAttribute attribute = reader.GetCustomAttribute(handle);
                    string subject = GetEntityName(attribute.Parent);
                    CheckToken(subject, "an attribute", attribute.Constructor, GenericContext.Empty);
                }

                SweepUnvisitedEntities();
                return violations;
            }

            private void CheckAssemblyReferences()
            {
                foreach (AssemblyReferenceHandle handle in reader.AssemblyReferences)
                {
                    AssemblyReference reference = reader.GetAssemblyReference(handle);
                    string name = reader.GetString(reference.Name);
                    if (name == MetadataNames.Mscorlib)
                    {
                        continue;
                    }

                    string[] usedTypes = reader.TypeReferences
                        .Where(typeHandle => GetOutermostScope(typeHandle) == (EntityHandle)handle)
                        .Select(typeHandle => MetadataNames.GetTypeName(reader, typeHandle))
                        .ToArray();
                    string usage = usedTypes.Length == 0 ? string.Empty : " for " + string.Join(", ", usedTypes);
                    Add(
                        CompatibilityRule.AssemblyReference,
                        assemblyName,
                        "references the assembly '" + name + "' (version " + reference.Version + ")" + usage);
                }
            }

            private void CheckType(TypeDefinitionHandle handle)
            {
                TypeDefinition definition = reader.GetTypeDefinition(handle);
                string typeName = MetadataNames.GetTypeName(reader, handle);
                ImmutableArray<string> typeParameters = GetGenericParameterNames(definition.GetGenericParameters());
                GenericContext typeContext = new GenericContext(typeParameters, ImmutableArray<string>.Empty);

                if (typeParameters.Length > 0)
                {
                    Add(
                        CompatibilityRule.GenericTypeDefinition,
                        typeName,
                        "declares the generic type " + MetadataNames.StripArity(typeName) + "<" + string.Join(", ", typeParameters) + ">");
                }

                if (SignatureTypeProvider.IsValueTupleType(typeName))
                {
                    Add(CompatibilityRule.ValueTuple, typeName, "declares " + typeName + ", a type that C# tuple syntax binds to");
                }

                if (!definition.BaseType.IsNil)
                {
                    CheckToken(typeName, "the base type", definition.BaseType, typeContext);
                }

                foreach (InterfaceImplementationHandle interfaceHandle in definition.GetInterfaceImplementations())
                {
                    CheckToken(typeName, "an implemented interface", reader.GetInterfaceImplementation(interfaceHandle).Interface, typeContext);
                }

                foreach (FieldDefinitionHandle fieldHandle in definition.GetFields())
                {
                    FieldDefinition field = reader.GetFieldDefinition(fieldHandle);
                    DecodedType fieldType = field.DecodeSignature(provider, typeContext);
                    ReportIssues(typeName, "field '" + reader.GetString(field.Name) + "'", fieldType, null);
                }

                foreach (MethodDefinitionHandle methodHandle in definition.GetMethods())
                {
                    CheckMethod(typeName, typeParameters, methodHandle);
                }
            }

            private void CheckMethod(string typeName, ImmutableArray<string> typeParameters, MethodDefinitionHandle handle)
            {
                MethodDefinition method = reader.GetMethodDefinition(handle);
                string methodName = typeName + "." + reader.GetString(method.Name);
                ImmutableArray<string> methodParameters = GetGenericParameterNames(method.GetGenericParameters());
                GenericContext context = new GenericContext(typeParameters, methodParameters);

                if (methodParameters.Length > 0)
                {
                    Add(
                        CompatibilityRule.GenericMethodDefinition,
                        methodName,
                        "declares the generic method " + reader.GetString(method.Name) + "<" + string.Join(", ", methodParameters) + ">");
                }

                MethodSignature<DecodedType> signature = method.DecodeSignature(provider, context);
                ReportIssues(methodName, "the return type", signature.ReturnType, null);
                string[] parameterNames = GetParameterNames(method, signature.ParameterTypes.Length);
                for (int i = 0; i < signature.ParameterTypes.Length; i++)
                {
                    ReportIssues(methodName, "parameter '" + parameterNames[i] + "'", signature.ParameterTypes[i], null);
                }

                if (method.RelativeVirtualAddress == 0)
                {
                    return;
                }

                MethodBodyBlock body = peReader.GetMethodBody(method.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                {
                    StandaloneSignature locals = reader.GetStandaloneSignature(body.LocalSignature);
                    ImmutableArray<DecodedType> localTypes = locals.DecodeLocalSignature(provider, context);
                    for (int i = 0; i < localTypes.Length; i++)
                    {
                        ReportIssues(methodName, "local variable " + i, localTypes[i], null);
                    }
                }

                foreach (EntityHandle token in IlTokenReader.ReadTokens(body))
                {
                    CheckToken(methodName, "the method body", token, context);
                }
            }

            /// <summary>Checks a type, member or signature that <paramref name="subject"/> refers to by token.</summary>
            private void CheckToken(string subject, string where, EntityHandle token, GenericContext context)
            {
                switch (token.Kind)
                {
                    case HandleKind.TypeReference:
                    case HandleKind.TypeSpecification:
                        visited.Add(token);
                        DecodedType type = DecodeType(token, context);
                        ReportIssues(subject, where, type, null);
                        break;

                    case HandleKind.MemberReference:
                        visited.Add(token);
                        CheckMemberReference(subject, where, (MemberReferenceHandle)token, context);
                        break;

                    case HandleKind.MethodDefinition:
                        // Only the declaring type can break a rule here, for example the constructor of a
                        // TupleElementNamesAttribute declared in the firmware itself.
                        TypeDefinitionHandle declaringType = reader.GetMethodDefinition((MethodDefinitionHandle)token).GetDeclaringType();
                        ReportIssues(subject, where, provider.GetTypeFromDefinition(reader, declaringType, 0), null);
                        break;

                    case HandleKind.MethodSpecification:
                        visited.Add(token);
                        CheckMethodSpecification(subject, where, (MethodSpecificationHandle)token, context);
                        break;

                    case HandleKind.StandaloneSignature:
                        visited.Add(token);
                        StandaloneSignature standalone = reader.GetStandaloneSignature((StandaloneSignatureHandle)token);
                        if (standalone.GetKind() == StandaloneSignatureKind.Method)
                        {
                            MethodSignature<DecodedType> callSite = standalone.DecodeMethodSignature(provider, context);
                            foreach (DecodedType part in callSite.ParameterTypes.Prepend(callSite.ReturnType))
                            {
                                ReportIssues(subject, where, part, "in an indirect call signature");
                            }
                        }

                        break;
                }
            }

            private void CheckMemberReference(string subject, string where, MemberReferenceHandle handle, GenericContext context)
            {
                MemberReference member = reader.GetMemberReference(handle);
                string memberName = reader.GetString(member.Name);
                string parentName = "?";
                List<DecodedType> parts = new List<DecodedType>();

                // The member's signature numbers the parent's generic parameters (!0, !1, ...), so a member of
                // Box<int> is decoded with !0 read as int.
                GenericContext memberContext = GenericContext.Empty;

                switch (member.Parent.Kind)
                {
                    case HandleKind.TypeReference:
                    case HandleKind.TypeDefinition:
                    case HandleKind.TypeSpecification:
                        visited.Add(member.Parent);
                        DecodedType parent = DecodeType(member.Parent, context);
                        parentName = MetadataNames.StripArity(parent.DisplayName);
                        parts.Add(parent);
                        memberContext = new GenericContext(
                            parent.TypeArguments.Select(argument => argument.DisplayName).ToImmutableArray(),
                            ImmutableArray<string>.Empty);
                        break;
                    case HandleKind.MethodDefinition:
                        parentName = GetEntityName(member.Parent);
                        break;
                    case HandleKind.ModuleReference:
                        parentName = reader.GetString(reader.GetModuleReference((ModuleReferenceHandle)member.Parent).Name);
                        break;
                }

                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    MethodSignature<DecodedType> signature = member.DecodeMethodSignature(provider, memberContext);
                    parts.Add(signature.ReturnType);
                    parts.AddRange(signature.ParameterTypes);
                }
                else
                {
                    parts.Add(member.DecodeFieldSignature(provider, memberContext));
                }

                foreach (DecodedType part in parts)
                {
                    ReportIssues(subject, where, part, "in the reference to " + parentName + "." + memberName);
                }
            }

            private void CheckMethodSpecification(string subject, string where, MethodSpecificationHandle handle, GenericContext context)
            {
                MethodSpecification specification = reader.GetMethodSpecification(handle);
                ImmutableArray<DecodedType> arguments = specification.DecodeSignature(provider, context);
                string methodName = GetMethodName(specification.Method, context);
                string instantiation = methodName + "<" + string.Join(", ", arguments.Select(argument => argument.DisplayName)) + ">";

                Add(
                    CompatibilityRule.GenericInstantiation,
                    subject,
                    where + " calls the generic method instantiation " + instantiation);

                CheckToken(subject, where, specification.Method, context);
                foreach (DecodedType argument in arguments)
                {
                    ReportIssues(subject, where, argument, "in the type arguments of " + instantiation);
                }
            }

            /// <summary>Reports entities that no type or member led to, so that nothing in the tables goes unchecked.</summary>
            private void SweepUnvisitedEntities()
            {
                foreach (TypeReferenceHandle handle in reader.TypeReferences)
                {
                    CheckUnvisited(handle, "a type reference");
                }

                for (int row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec); row++)
                {
                    CheckUnvisited(MetadataTokens.TypeSpecificationHandle(row), "a type specification");
                }

                foreach (MemberReferenceHandle handle in reader.MemberReferences)
                {
                    CheckUnvisited(handle, "a member reference");
                }

                for (int row = 1; row <= reader.GetTableRowCount(TableIndex.MethodSpec); row++)
                {
                    CheckUnvisited(MetadataTokens.MethodSpecificationHandle(row), "a method specification");
                }
            }

            private void CheckUnvisited(EntityHandle handle, string where)
            {
                if (!visited.Contains(handle))
                {
                    CheckToken(assemblyName, where, handle, GenericContext.Empty);
                }
            }

            private DecodedType DecodeType(EntityHandle handle, GenericContext context)
            {
                switch (handle.Kind)
                {
                    case HandleKind.TypeDefinition:
                        return provider.GetTypeFromDefinition(reader, (TypeDefinitionHandle)handle, 0);
                    case HandleKind.TypeReference:
                        return provider.GetTypeFromReference(reader, (TypeReferenceHandle)handle, 0);
                    case HandleKind.TypeSpecification:
                        return provider.GetTypeFromSpecification(reader, context, (TypeSpecificationHandle)handle, 0);
                    default:
                        throw new ArgumentException("Handle kind " + handle.Kind + " is not a type.", nameof(handle));
                }
            }

            private void ReportIssues(string subject, string where, DecodedType type, string? detail)
            {
                foreach (SignatureIssue issue in type.Issues)
                {
                    string suffix = detail == null ? string.Empty : " (" + detail + ")";
                    Add(issue.Rule, subject, where + " uses " + DescribeConstruct(issue.Rule) + " " + issue.TypeName + suffix);
                }
            }

            private void Add(CompatibilityRule rule, string subject, string finding)
            {
                string message = subject + ": " + finding + "; " + CompatibilityRules.GetAdvice(rule);
                if (messages.Add(message))
                {
                    violations.Add(new Violation(rule, subject, message));
                }
            }

            private static string DescribeConstruct(CompatibilityRule rule)
            {
                switch (rule)
                {
                    case CompatibilityRule.MultidimensionalArray:
                        return "the multidimensional array";
                    case CompatibilityRule.GenericInstantiation:
                        return "the generic instantiation";
                    case CompatibilityRule.ValueTuple:
                        return "the value tuple type";
                    default:
                        return "the construct";
                }
            }

            private EntityHandle GetOutermostScope(TypeReferenceHandle handle)
            {
                EntityHandle scope = reader.GetTypeReference(handle).ResolutionScope;
                while (scope.Kind == HandleKind.TypeReference)
                {
                    scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
                }

                return scope;
            }

            private ImmutableArray<string> GetGenericParameterNames(GenericParameterHandleCollection parameters)
            {
                return parameters.Select(parameter => reader.GetString(reader.GetGenericParameter(parameter).Name)).ToImmutableArray();
            }

            private string[] GetParameterNames(MethodDefinition method, int count)
            {
                string[] names = new string[count];
                for (int i = 0; i < count; i++)
                {
                    names[i] = "#" + (i + 1);
                }

                foreach (ParameterHandle handle in method.GetParameters())
                {
                    Parameter parameter = reader.GetParameter(handle);
                    if (parameter.SequenceNumber >= 1 && parameter.SequenceNumber <= count)
                    {
                        names[parameter.SequenceNumber - 1] = reader.GetString(parameter.Name);
                    }
                }

                return names;
            }

            private string GetMethodName(EntityHandle handle, GenericContext context)
            {
                if (handle.Kind == HandleKind.MemberReference)
                {
                    MemberReference member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    string parent = member.Parent.Kind == HandleKind.TypeDefinition || member.Parent.Kind == HandleKind.TypeReference || member.Parent.Kind == HandleKind.TypeSpecification
                        ? MetadataNames.StripArity(DecodeType(member.Parent, context).DisplayName)
                        : GetEntityName(member.Parent);
                    return parent + "." + reader.GetString(member.Name);
                }

                return GetEntityName(handle);
            }

            /// <summary>Returns a readable name for the owner of an attribute or the target of a token.</summary>
            private string GetEntityName(EntityHandle handle)
            {
                switch (handle.Kind)
                {
                    case HandleKind.TypeDefinition:
                        return MetadataNames.GetTypeName(reader, (TypeDefinitionHandle)handle);
                    case HandleKind.MethodDefinition:
                        MethodDefinition method = reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                        return MetadataNames.GetTypeName(reader, method.GetDeclaringType()) + "." + reader.GetString(method.Name);
                    case HandleKind.FieldDefinition:
                        FieldDefinition field = reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                        return MetadataNames.GetTypeName(reader, field.GetDeclaringType()) + "." + reader.GetString(field.Name);
                    case HandleKind.PropertyDefinition:
                        PropertyDefinition property = reader.GetPropertyDefinition((PropertyDefinitionHandle)handle);
                        PropertyAccessors accessors = property.GetAccessors();
                        MethodDefinitionHandle accessor = accessors.Getter.IsNil ? accessors.Setter : accessors.Getter;
                        return GetEntityName(accessor) + " (property " + reader.GetString(property.Name) + ")";
                    case HandleKind.EventDefinition:
                        EventDefinition eventDefinition = reader.GetEventDefinition((EventDefinitionHandle)handle);
                        return GetEntityName(eventDefinition.GetAccessors().Adder) + " (event " + reader.GetString(eventDefinition.Name) + ")";
                    case HandleKind.Parameter:
                        return DescribeParameter((ParameterHandle)handle);
                    default:
                        return assemblyName;
                }
            }

            private string DescribeParameter(ParameterHandle handle)
            {
                // The Parameter table has no owner column, so find the method whose parameter list contains the row.
                foreach (MethodDefinitionHandle methodHandle in reader.MethodDefinitions)
                {
                    MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                    if (method.GetParameters().Contains(handle))
                    {
                        Parameter parameter = reader.GetParameter(handle);
                        string methodName = GetEntityName(methodHandle);
                        return parameter.SequenceNumber == 0
                            ? methodName + " (return value)"
                            : methodName + " (parameter " + reader.GetString(parameter.Name) + ")";
                    }
                }

                return assemblyName;
            }
        }
    }
}
