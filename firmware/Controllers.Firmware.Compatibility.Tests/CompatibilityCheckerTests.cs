using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Controllers.Firmware.CompatibilityCheck;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Controllers.Firmware.Compatibility.Tests
{
    public sealed class CompatibilityCheckerTests
    {
        [Fact]
        public void GenericClass_IsRejected()
        {
            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.CompileAndCheck(@"
namespace Planted
{
    public class Box<T>
    {
        public T Value;
    }
}");

            Violation violation = Assert.Single(violations);
            Assert.Equal(CompatibilityRule.GenericTypeDefinition, violation.Rule);
            Assert.Equal("Planted.Box`1", violation.Subject);
            Assert.Contains("declares the generic type Planted.Box<T>", violation.Message);
            Assert.Contains("no generics at run time", violation.Message);
        }

        [Fact]
        public void GenericMethod_IsRejected()
        {
            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.CompileAndCheck(@"
namespace Planted
{
    public static class Helpers
    {
        public static T Echo<T>(T value)
        {
            return value;
        }
    }
}");

            Violation violation = Assert.Single(violations);
            Assert.Equal(CompatibilityRule.GenericMethodDefinition, violation.Rule);
            Assert.Equal("Planted.Helpers.Echo", violation.Subject);
            Assert.Contains("declares the generic method Echo<T>", violation.Message);
            Assert.Contains("no generics at run time", violation.Message);
        }

        [Fact]
        public void GenericMethodCall_IsRejected()
        {
            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.CompileAndCheck(@"
namespace Planted
{
    public static class Helpers
    {
        public static T Echo<T>(T value)
        {
            return value;
        }

        public static int Caller()
        {
            return Echo<int>(3);
        }
    }
}");

            Violation call = Assert.Single(violations, v => v.Subject == "Planted.Helpers.Caller");
            Assert.Equal(CompatibilityRule.GenericInstantiation, call.Rule);
            Assert.Contains("calls the generic method instantiation Planted.Helpers.Echo<int>", call.Message);
            Assert.Contains("no generics at run time", call.Message);
        }

        [Fact]
        public void GenericTypeInstantiation_IsRejected()
        {
            // nanoFramework's mscorlib declares no List<T> (its only generic types are delegates), so the
            // test instantiates a user-defined generic instead.
            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.CompileAndCheck(@"
namespace Planted
{
    public class Box<T>
    {
        public T Value;
    }

    public class User
    {
        public int Read()
        {
            Box<int> box = new Box<int>();
            return box.Value;
        }
    }
}");

            List<Violation> uses = violations.Where(v => v.Subject == "Planted.User.Read").ToList();
            Assert.NotEmpty(uses);
            Assert.All(uses, v => Assert.Equal(CompatibilityRule.GenericInstantiation, v.Rule));
            Assert.Contains(uses, v => v.Message.Contains("local variable 0 uses the generic instantiation Planted.Box<int>"));
            Assert.Contains(uses, v => v.Message.Contains("the method body uses the generic instantiation Planted.Box<int> (in the reference to Planted.Box<int>.Value)"));
            Assert.All(uses, v => Assert.Contains("only the generic delegates that its mscorlib declares are allowed", v.Message));
        }

        [Fact]
        public void GenericInstantiationInSignature_IsRejected()
        {
            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.CompileAndCheck(@"
namespace Planted
{
    public class Box<T>
    {
    }

    public class Holder
    {
        public Box<string> Field;

        public void Take(Box<long> input)
        {
        }
    }
}");

            Violation field = Assert.Single(violations, v => v.Subject == "Planted.Holder" && v.Rule == CompatibilityRule.GenericInstantiation);
            Assert.Contains("field 'Field' uses the generic instantiation Planted.Box<string>", field.Message);
            Violation parameter = Assert.Single(violations, v => v.Subject == "Planted.Holder.Take");
            Assert.Equal(CompatibilityRule.GenericInstantiation, parameter.Rule);
            Assert.Contains("parameter 'input' uses the generic instantiation Planted.Box<long>", parameter.Message);
        }

        [Fact]
        public void MscorlibGenericDelegates_Pass()
        {
            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.CompileAndCheck(@"
namespace Planted
{
    public class Timer
    {
        public System.Action<int> Tick;
        public System.Func<int, int> Scale;
        public event System.EventHandler<System.EventArgs> Elapsed;

        public int Fire()
        {
            System.Action<int> local = Tick;
            local(3);
            Elapsed(this, System.EventArgs.Empty);
            return Scale(2);
        }
    }
}");

            Assert.Empty(violations);
        }

        [Fact]
        public void DelegateWithBadArgument_IsRejected()
        {
            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.CompileAndCheck(@"
namespace Planted
{
    public class Timer
    {
        public System.Action<float[,]> Tick;
    }
}");

            Violation violation = Assert.Single(violations);
            Assert.Equal(CompatibilityRule.MultidimensionalArray, violation.Rule);
            Assert.Contains("field 'Tick' uses the multidimensional array float[,]", violation.Message);
        }

        [Fact]
        public void AllowedDelegates_ComeFromMscorlib()
        {
            IReadOnlyCollection<string> allowed = NanoFrameworkCompiler.Checker.AllowedGenericDelegates;

            Assert.Contains("System.Action`1", allowed);
            Assert.Contains("System.Func`2", allowed);
            Assert.Contains("System.EventHandler`1", allowed);
            Assert.DoesNotContain("System.Collections.Generic.List`1", allowed);
        }

        [Fact]
        public void MultidimensionalArrayField_IsRejected()
        {
            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.CompileAndCheck(@"
namespace Planted
{
    public class Grid
    {
        private float[,] grid;

        public float[][] Jagged;
    }
}");

            Violation violation = Assert.Single(violations);
            Assert.Equal(CompatibilityRule.MultidimensionalArray, violation.Rule);
            Assert.Equal("Planted.Grid", violation.Subject);
            Assert.Equal(
                "Planted.Grid: field 'grid' uses the multidimensional array float[,]; nanoFramework 1.x has no multidimensional arrays, so use a jagged array or a flat array with index arithmetic.",
                violation.Message);
        }

        [Fact]
        public void MultidimensionalArrayInBody_IsRejected()
        {
            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.CompileAndCheck(@"
namespace Planted
{
    public static class Tables
    {
        public static int Cells()
        {
            int[,,] cube = new int[2, 3, 4];
            return cube.Length;
        }
    }
}");

            Assert.NotEmpty(violations);
            Assert.All(violations, v => Assert.Equal(CompatibilityRule.MultidimensionalArray, v.Rule));
            Assert.All(violations, v => Assert.Equal("Planted.Tables.Cells", v.Subject));
            Assert.Contains(violations, v => v.Message.Contains("local variable 0 uses the multidimensional array int[,,]"));
            Assert.Contains(violations, v => v.Message.Contains("(in the reference to int[,,]..ctor)"));
        }

        [Fact]
        public void TupleSyntax_FailsToCompile()
        {
            // The nanoFramework mscorlib declares no System.ValueTuple, so the compiler itself rejects tuple syntax.
            (EmitOutcome outcome, byte[] _) = NanoFrameworkCompiler.Compile("Planted", @"
namespace Planted
{
    public static class Pairs
    {
        public static (int, int) Pair()
        {
            return (1, 2);
        }
    }
}");

            Assert.False(outcome.Success);
            Assert.NotEmpty(outcome.Errors);
            Assert.All(outcome.Errors, error => Assert.Equal("CS8179", error.Id));
            Assert.All(outcome.Errors, error => Assert.Contains("System.ValueTuple`2", error.GetMessage()));
        }

        [Fact]
        public void ValueTupleDeclaredInSource_IsRejected()
        {
            // Declaring System.ValueTuple in the firmware would make tuple syntax compile, so the check catches it.
            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.CompileAndCheck(@"
namespace System
{
    public struct ValueTuple<T1, T2>
    {
        public T1 Item1;
        public T2 Item2;

        public ValueTuple(T1 item1, T2 item2)
        {
            Item1 = item1;
            Item2 = item2;
        }
    }
}

namespace Planted
{
    public static class Pairs
    {
        public static (int, int) Pair()
        {
            return (1, 2);
        }
    }
}");

            Violation returnType = Assert.Single(violations, v => v.Subject == "Planted.Pairs.Pair" && v.Message.Contains("the return type"));
            Assert.Equal(CompatibilityRule.ValueTuple, returnType.Rule);
            Assert.Contains("the return type uses the value tuple type System.ValueTuple`2", returnType.Message);
            Assert.Contains("no System.ValueTuple", returnType.Message);
            Assert.Contains(violations, v => v.Rule == CompatibilityRule.GenericTypeDefinition && v.Subject == "System.ValueTuple`2");
        }

        [Fact]
        public void NamedTupleElements_AreRejected()
        {
            // Named elements also need TupleElementNamesAttribute, which the nanoFramework mscorlib lacks as well.
            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.CompileAndCheck(@"
namespace System
{
    public struct ValueTuple<T1, T2>
    {
        public T1 Item1;
        public T2 Item2;

        public ValueTuple(T1 item1, T2 item2)
        {
            Item1 = item1;
            Item2 = item2;
        }
    }
}

namespace System.Runtime.CompilerServices
{
    public sealed class TupleElementNamesAttribute : Attribute
    {
        public TupleElementNamesAttribute(string[] transformNames)
        {
        }
    }
}

namespace Planted
{
    public static class Pairs
    {
        public static (int Low, int High) Range()
        {
            return (1, 2);
        }
    }
}");

            Violation attribute = Assert.Single(violations, v => v.Message.Contains("an attribute uses"));
            Assert.Equal(CompatibilityRule.ValueTuple, attribute.Rule);
            Assert.Equal("Planted.Pairs.Range (return value)", attribute.Subject);
            Assert.Contains("uses the value tuple type System.Runtime.CompilerServices.TupleElementNamesAttribute", attribute.Message);
            Violation declaration = Assert.Single(violations, v => v.Subject == "System.Runtime.CompilerServices.TupleElementNamesAttribute");
            Assert.Equal(CompatibilityRule.ValueTuple, declaration.Rule);
            Assert.Contains("declares System.Runtime.CompilerServices.TupleElementNamesAttribute", declaration.Message);
        }

        [Fact]
        public void SecondAssemblyReference_IsRejected()
        {
            (EmitOutcome helperOutcome, byte[] helperImage) = NanoFrameworkCompiler.Compile("Helper", @"
namespace Helper
{
    public class Widget
    {
        public int Size;
    }
}");
            Assert.True(helperOutcome.Success, string.Join("\n", helperOutcome.Errors));

            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.CompileAndCheck(
                @"
namespace Planted
{
    public class User
    {
        public int Read(Helper.Widget widget)
        {
            return widget.Size;
        }
    }
}",
                MetadataReference.CreateFromImage(helperImage));

            Violation violation = Assert.Single(violations);
            Assert.Equal(CompatibilityRule.AssemblyReference, violation.Rule);
            Assert.Equal("Planted", violation.Subject);
            Assert.Contains("references the assembly 'Helper' (version 0.0.0.0) for Helper.Widget", violation.Message);
            Assert.Contains("may reference only mscorlib", violation.Message);
        }

        [Fact]
        public void MathSqrt_FailsToCompile()
        {
            (EmitOutcome outcome, byte[] _) = NanoFrameworkCompiler.Compile("Planted", @"
namespace Planted
{
    public static class Geometry
    {
        public static double Hypotenuse(double a, double b)
        {
            return System.Math.Sqrt(a * a + b * b);
        }
    }
}");

            Assert.False(outcome.Success);
            Diagnostic error = Assert.Single(outcome.Errors);
            Assert.Equal("CS0234", error.Id);
            Assert.Contains("'Math'", error.GetMessage());
        }

        [Fact]
        public void FirmwareAssembly_HasNoViolations()
        {
            Assert.True(File.Exists(NanoFrameworkCompiler.FirmwareAssemblyPath), "Missing " + NanoFrameworkCompiler.FirmwareAssemblyPath + "; build Controllers.Firmware.Compatibility.");

            IReadOnlyList<Violation> violations = NanoFrameworkCompiler.Checker.Check(NanoFrameworkCompiler.FirmwareAssemblyPath);

            Assert.True(violations.Count == 0, string.Join("\n", violations.Select(v => v.ToString())));
        }

        [Fact]
        public void FirmwareAssembly_ContainsBothLibraries()
        {
            byte[] image = File.ReadAllBytes(NanoFrameworkCompiler.FirmwareAssemblyPath);
            using PEReader peReader = new PEReader(new MemoryStream(image));
            MetadataReader reader = peReader.GetMetadataReader();
            HashSet<string> namespaces = reader.TypeDefinitions
                .Select(handle => reader.GetString(reader.GetTypeDefinition(handle).Namespace))
                .ToHashSet();

            Assert.Contains("Controllers.Firmware.Common.Scheduling", namespaces);
            Assert.Contains("Controllers.Firmware.Bms.Estimation", namespaces);
            Assert.Single(reader.AssemblyReferences);
        }

        [Fact]
        public void Command_ReturnsExitCodes()
        {
            string badPath = Path.Combine(Path.GetTempPath(), "nano-check-" + System.Guid.NewGuid().ToString("N") + ".dll");
            (EmitOutcome outcome, byte[] image) = NanoFrameworkCompiler.Compile("Planted", "namespace Planted { public class Box<T> { } }");
            Assert.True(outcome.Success);
            File.WriteAllBytes(badPath, image);
            try
            {
                Assert.Equal(0, Program.Main(new[] { "--mscorlib", NanoFrameworkCompiler.MscorlibPath, NanoFrameworkCompiler.FirmwareAssemblyPath }));
                Assert.Equal(1, Program.Main(new[] { "--mscorlib", NanoFrameworkCompiler.MscorlibPath, badPath }));
                Assert.Equal(2, Program.Main(new[] { badPath }));
                Assert.Equal(2, Program.Main(new[] { "--mscorlib", NanoFrameworkCompiler.MscorlibPath, badPath + ".missing" }));
            }
            finally
            {
                File.Delete(badPath);
            }
        }
    }
}
