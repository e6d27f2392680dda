using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Controllers.Firmware.CompatibilityCheck
{
    /// <summary>A construct inside a signature that breaks a rule, with the C# spelling of the offending type.</summary>
    internal sealed record SignatureIssue(CompatibilityRule Rule, string TypeName);

    /// <summary>
    /// A type decoded from a metadata signature: its C# display name, its metadata identity and every
    /// rule broken by it or by the types nested in it (array elements, generic arguments).
    /// </summary>
    internal sealed class DecodedType
    {
        public DecodedType(string displayName, string metadataName, bool isFromMscorlib, ImmutableArray<SignatureIssue> issues)
        {
            DisplayName = displayName;
            MetadataName = metadataName;
            IsFromMscorlib = isFromMscorlib;
            Issues = issues;
            TypeArguments = ImmutableArray<DecodedType>.Empty;
        }

        /// <summary>C# spelling, for example float[,] or System.Action&lt;int&gt;.</summary>
        public string DisplayName { get; }

        /// <summary>Namespace-qualified metadata name with arity, for example System.Action`1. Empty for constructed types.</summary>
        public string MetadataName { get; }

        /// <summary>True for a type reference whose resolution scope is the mscorlib assembly.</summary>
        public bool IsFromMscorlib { get; }

        /// <summary>Rules broken by this type and its components, in decoding order.</summary>
        public ImmutableArray<SignatureIssue> Issues { get; }

        /// <summary>Type arguments of a generic instantiation. Empty for every other type.</summary>
        public ImmutableArray<DecodedType> TypeArguments { get; private init; }

        public DecodedType WithTypeArguments(ImmutableArray<DecodedType> typeArguments)
        {
            return new DecodedType(DisplayName, MetadataName, IsFromMscorlib, Issues) { TypeArguments = typeArguments };
        }

        public static DecodedType Simple(string displayName)
        {
            return new DecodedType(displayName, string.Empty, false, ImmutableArray<SignatureIssue>.Empty);
        }

        public static DecodedType Composite(string displayName, IEnumerable<DecodedType> components, SignatureIssue? extraIssue)
        {
            ImmutableArray<SignatureIssue>.Builder issues = ImmutableArray.CreateBuilder<SignatureIssue>();
            if (extraIssue != null)
            {
                issues.Add(extraIssue);
            }

            foreach (DecodedType component in components)
            {
                issues.AddRange(component.Issues);
            }

            return new DecodedType(displayName, string.Empty, false, issues.Distinct().ToImmutableArray());
        }
    }
}
