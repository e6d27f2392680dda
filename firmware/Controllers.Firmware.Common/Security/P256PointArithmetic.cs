namespace Controllers.Firmware.Common.Security
{
    /// <summary>
    /// Point doubling and addition on P-256 in Jacobian coordinates, with all temporaries allocated in
    /// the constructor. Doubling uses a = -3 to cost 3 multiplications and 5 squarings, and adding an
    /// affine point (Z2 = 1) costs 8 multiplications and 3 squarings. Each step's formula is written
    /// where it is computed.
    /// </summary>
    /// <remarks>
    /// The running time depends on the operands (special cases and the conditional subtractions in
    /// <see cref="MontgomeryModulus"/>), which is acceptable for signature verification because every
    /// operand there is public. One instance must not be used by two threads at once.
    /// </remarks>
    internal sealed class P256PointArithmetic
    {
        private readonly MontgomeryModulus primeField = new MontgomeryModulus(P256Curve.Prime);
        private readonly uint[] bMontgomery = new uint[UInt256.LimbCount];

        private readonly uint[] t1 = new uint[UInt256.LimbCount];
        private readonly uint[] t2 = new uint[UInt256.LimbCount];
        private readonly uint[] t3 = new uint[UInt256.LimbCount];
        private readonly uint[] t4 = new uint[UInt256.LimbCount];
        private readonly uint[] t5 = new uint[UInt256.LimbCount];
        private readonly uint[] t6 = new uint[UInt256.LimbCount];

        /// <summary>Creates the arithmetic and its temporaries.</summary>
        public P256PointArithmetic()
        {
            primeField.ToMontgomery(bMontgomery, P256Curve.B);
        }

        /// <summary>The arithmetic modulo the field prime p.</summary>
        public MontgomeryModulus Field
        {
            get { return primeField; }
        }

        /// <summary>
        /// Returns whether the affine point (x, y), in Montgomery form, satisfies y² = x³ - 3x + b.
        /// </summary>
        public bool IsOnCurve(uint[] x, uint[] y)
        {
            uint[] left = t1;
            uint[] right = t2;

            primeField.Square(left, y);

            // right = (x² - 3)·x + b
            primeField.Square(right, x);
            primeField.Subtract(right, right, primeField.One);
            primeField.Subtract(right, right, primeField.One);
            primeField.Subtract(right, right, primeField.One);
            primeField.Multiply(right, right, x);
            primeField.Add(right, right, bMontgomery);

            return UInt256.Compare(left, right) == 0;
        }

        /// <summary>Sets <paramref name="point"/> to 2·point.</summary>
        public void Double(JacobianPoint point)
        {
            if (point.IsInfinity)
            {
                return;
            }

            uint[] delta = t1;
            uint[] gamma = t2;
            uint[] beta = t3;
            uint[] alpha = t4;
            uint[] sum = t5;

            // delta = Z², gamma = Y², beta = X·gamma, alpha = 3·(X - delta)·(X + delta)
            primeField.Square(delta, point.Z);
            primeField.Square(gamma, point.Y);
            primeField.Multiply(beta, point.X, gamma);
            primeField.Subtract(alpha, point.X, delta);
            primeField.Add(sum, point.X, delta);
            primeField.Multiply(alpha, alpha, sum);
            primeField.Add(sum, alpha, alpha);
            primeField.Add(alpha, sum, alpha);

            // Z3 = (Y + Z)² - gamma - delta, computed while Y and Z still hold the input.
            primeField.Add(sum, point.Y, point.Z);
            primeField.Square(sum, sum);
            primeField.Subtract(sum, sum, gamma);
            primeField.Subtract(point.Z, sum, delta);

            // X3 = alpha² - 8·beta, with beta replaced by 4·beta on the way.
            primeField.Add(beta, beta, beta);
            primeField.Add(beta, beta, beta);
            primeField.Square(point.X, alpha);
            primeField.Subtract(point.X, point.X, beta);
            primeField.Subtract(point.X, point.X, beta);

            // Y3 = alpha·(4·beta - X3) - 8·gamma²
            primeField.Subtract(sum, beta, point.X);
            primeField.Multiply(sum, alpha, sum);
            primeField.Square(gamma, gamma);
            primeField.Add(gamma, gamma, gamma);
            primeField.Add(gamma, gamma, gamma);
            primeField.Add(gamma, gamma, gamma);
            primeField.Subtract(point.Y, sum, gamma);

            // P-256 has prime order, so no finite point doubles to infinity. The check keeps the flag
            // correct should Z become zero anyway.
            if (UInt256.IsZero(point.Z))
            {
                point.IsInfinity = true;
            }
        }

        /// <summary>Sets <paramref name="point"/> to point + <paramref name="addend"/>, covering every special case.</summary>
        public void AddAffine(JacobianPoint point, AffinePoint addend)
        {
            if (addend.IsInfinity)
            {
                return;
            }

            if (point.IsInfinity)
            {
                UInt256.Copy(addend.X, point.X);
                UInt256.Copy(addend.Y, point.Y);
                UInt256.Copy(primeField.One, point.Z);
                point.IsInfinity = false;
                return;
            }

            uint[] z1z1 = t1;
            uint[] h = t2;
            uint[] r = t3;
            uint[] hh = t4;
            uint[] hhh = t5;
            uint[] v = t6;

            // U2 = X2·Z1², S2 = Y2·Z1³, H = U2 - X1, R = S2 - Y1
            primeField.Square(z1z1, point.Z);
            primeField.Multiply(h, addend.X, z1z1);
            primeField.Subtract(h, h, point.X);
            primeField.Multiply(r, point.Z, z1z1);
            primeField.Multiply(r, addend.Y, r);
            primeField.Subtract(r, r, point.Y);

            // H = 0 means equal x coordinates: the same point (double it) or its negation (the sum is infinity).
            if (UInt256.IsZero(h))
            {
                if (UInt256.IsZero(r))
                {
                    Double(point);
                }
                else
                {
                    point.IsInfinity = true;
                }

                return;
            }

            // HH = H², HHH = H·HH, V = X1·HH
            primeField.Square(hh, h);
            primeField.Multiply(hhh, h, hh);
            primeField.Multiply(v, point.X, hh);

            // X3 = R² - HHH - 2·V
            primeField.Square(point.X, r);
            primeField.Subtract(point.X, point.X, hhh);
            primeField.Subtract(point.X, point.X, v);
            primeField.Subtract(point.X, point.X, v);

            // Y3 = R·(V - X3) - Y1·HHH
            primeField.Subtract(v, v, point.X);
            primeField.Multiply(v, r, v);
            primeField.Multiply(hhh, point.Y, hhh);
            primeField.Subtract(point.Y, v, hhh);

            // Z3 = Z1·H
            primeField.Multiply(point.Z, point.Z, h);
        }

        /// <summary>Writes the affine form of <paramref name="point"/> to <paramref name="destination"/>.</summary>
        public void ToAffine(JacobianPoint point, AffinePoint destination)
        {
            destination.IsInfinity = point.IsInfinity;
            if (point.IsInfinity)
            {
                return;
            }

            uint[] zInverse = t1;
            uint[] zInverseSquared = t2;

            primeField.Invert(zInverse, point.Z);
            primeField.Square(zInverseSquared, zInverse);
            primeField.Multiply(destination.X, point.X, zInverseSquared);
            primeField.Multiply(zInverseSquared, zInverseSquared, zInverse);
            primeField.Multiply(destination.Y, point.Y, zInverseSquared);
        }

        /// <summary>
        /// Writes the affine x coordinate of a finite <paramref name="point"/> as a plain value (not in
        /// Montgomery form) to <paramref name="x"/>.
        /// </summary>
        public void GetAffineX(JacobianPoint point, uint[] x)
        {
            uint[] zInverse = t1;

            primeField.Invert(zInverse, point.Z);
            primeField.Square(zInverse, zInverse);
            primeField.Multiply(x, point.X, zInverse);
            primeField.FromMontgomery(x, x);
        }
    }
}
