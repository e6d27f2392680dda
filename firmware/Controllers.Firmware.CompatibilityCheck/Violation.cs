namespace Controllers.Firmware.CompatibilityCheck
{
    /// <summary>One construct in a firmware assembly that nanoFramework 1.x cannot run.</summary>
    /// <param name="Rule">The rule that the construct breaks.</param>
    /// <param name="Subject">The type or member that contains the construct, for example "Ns.Type.Method".</param>
    /// <param name="Message">A full sentence naming the subject, the construct, the rule and the fix.</param>
    public sealed record Violation(CompatibilityRule Rule, string Subject, string Message)
    {
        /// <summary>Diagnostic id of <see cref="Rule"/>, for example NANO003.</summary>
        public string RuleId
        {
            get { return CompatibilityRules.GetId(Rule); }
        }

        /// <inheritdoc />
        public override string ToString()
        {
            return RuleId + ": " + Message;
        }
    }
}
