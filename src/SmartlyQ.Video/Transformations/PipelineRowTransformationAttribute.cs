using System;
using System.Management.Automation;

namespace SmartlyQ.Video.Transformations
{
    /// <summary>
    /// Keeps strings off a by-value parameter that takes whole pipeline rows (New-SqVideo's hidden -InputObject), so
    /// a piped string binds to the parameter meant for it (-Prompt) instead. It refuses a string as an invalid cast,
    /// which the parameter binder treats as "this parameter does not take this input" and moves on, without an error.
    /// Every other object passes through unchanged.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PipelineRowTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string)
                throw new ArgumentTransformationMetadataException("A string is not a row.", new PSInvalidCastException("A string binds to -Prompt, not to the row parameter."));
            return inputData;
        }
    }
}
