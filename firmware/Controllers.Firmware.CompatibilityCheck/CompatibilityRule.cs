namespace Controllers.Firmware.CompatibilityCheck
{
    /// <summary>A construct that compiles against the nanoFramework mscorlib but cannot run on nanoFramework 1.x.</summary>
    public enum CompatibilityRule
    {
        /// <summary>A type declared with generic type parameters.</summary>
        GenericTypeDefinition,

        /// <summary>A method declared with generic type parameters.</summary>
        GenericMethodDefinition,

        /// <summary>A closed generic type or generic method other than a generic delegate of the nanoFramework mscorlib.</summary>
        GenericInstantiation,

        /// <summary>An array of rank 2 or more, or a rank-1 array with declared bounds (ELEMENT_TYPE_ARRAY).</summary>
        MultidimensionalArray,

        /// <summary>System.ValueTuple or the TupleElementNamesAttribute that C# tuple syntax emits.</summary>
        ValueTuple,

        /// <summary>A reference to an assembly other than mscorlib.</summary>
        AssemblyReference,
    }

    /// <summary>Diagnostic ids and fix advice for each <see cref="CompatibilityRule"/>.</summary>
    public static class CompatibilityRules
    {
        /// <summary>Returns the diagnostic id printed in build errors, for example NANO001.</summary>
        public static string GetId(CompatibilityRule rule)
        {
            return "NANO" + ((int)rule + 1).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>Returns the sentence that states the nanoFramework limit and the usual replacement.</summary>
        public static string GetAdvice(CompatibilityRule rule)
        {
            switch (rule)
            {
                case CompatibilityRule.GenericTypeDefinition:
                    return "nanoFramework 1.x has no generics at run time, so declare a non-generic type (one per element type, or object with casts).";
                case CompatibilityRule.GenericMethodDefinition:
                    return "nanoFramework 1.x has no generics at run time, so declare a non-generic method (one per element type, or object with casts).";
                case CompatibilityRule.GenericInstantiation:
                    return "nanoFramework 1.x has no generics at run time, and only the generic delegates that its mscorlib declares are allowed, so use arrays or non-generic types.";
                case CompatibilityRule.MultidimensionalArray:
                    return "nanoFramework 1.x has no multidimensional arrays, so use a jagged array or a flat array with index arithmetic.";
                case CompatibilityRule.ValueTuple:
                    return "nanoFramework 1.x has no System.ValueTuple, so return a small class or struct, or use out parameters.";
                case CompatibilityRule.AssemblyReference:
                    return "portable firmware may reference only mscorlib, so put board-specific code behind an interface (see Controllers.Firmware.Common.Hal) in the board project.";
                default:
                    throw new System.ArgumentOutOfRangeException(nameof(rule), rule, "Unknown compatibility rule.");
            }
        }
    }
}
