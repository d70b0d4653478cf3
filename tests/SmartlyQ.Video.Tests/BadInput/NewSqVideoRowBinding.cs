using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Validation;
using SmartlyQ.Video.Tests.Cmdlets;

namespace SmartlyQ.Video.Tests.BadInput
{
    /// <summary>
    /// Binds one Import-Csv row (column → cell text) to New-SqVideo the way PowerShell's parameter binder does, driven
    /// by the cmdlet's own metadata read from SmartlyQ.Video.dll: ValueFromPipelineByPropertyName parameters matched
    /// by name or [Alias] (case-insensitive), [Parameter(Mandatory)] of that parameter set checked, [ValidateSet]
    /// applied (case-insensitive unless IgnoreCase = false), and the Csv*Transformation attributes applied with the
    /// field name they carry, through Core's <see cref="CsvValue"/> just as the attributes do. Then the record is built
    /// exactly like NewSqVideoCommand.ProcessRecord (empty or blank text → not given, a switch only when on, the row's
    /// columns for the operation's column check against <see cref="Columns"/>).
    /// <para>
    /// A value the binder refuses is a parameter-binding error in PowerShell: the row never reaches the operation.
    /// Here it is an <see cref="ArgumentException"/> whose ParamName is the parameter (CsvValue's own exception for
    /// conversion errors).
    /// </para>
    /// </summary>
    internal static class NewSqVideoRowBinding
    {
        private static readonly Lazy<IReadOnlyList<BindableParameter>> Parameters = new Lazy<IReadOnlyList<BindableParameter>>(Load);

        /// <summary>The parameters a CSV column can bind to, from the cmdlet's metadata.</summary>
        public static IReadOnlyList<BindableParameter> ByPropertyName => Parameters.Value;

        /// <summary>The column names that bind, as NewSqVideoCommand gives them to the operation.</summary>
        public static ColumnNames Columns()
        {
            var columns = new ColumnNames();
            foreach (BindableParameter parameter in Parameters.Value)
                columns.Add(parameter.Name, parameter.Names.Skip(1));
            return columns;
        }

        public static NewVideoInput Bind(IReadOnlyDictionary<string, string> row)
        {
            var bound = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (BindableParameter parameter in Parameters.Value)
            {
                string? column = row.Keys.FirstOrDefault(k => parameter.Names.Contains(k, StringComparer.OrdinalIgnoreCase));
                if (column == null)
                {
                    if (parameter.Mandatory)
                        throw new ArgumentException("The input object cannot be bound because it did not contain the information required to bind all mandatory parameters: " + parameter.Name + ".", parameter.Name);
                    continue;
                }

                bound[parameter.Name] = parameter.Convert(row[column]);
            }

            string? Text(string name) => CsvValue.ToNullableString(bound.TryGetValue(name, out object? v) ? (string?)v : null);
            T? Typed<T>(string name) where T : struct => bound.TryGetValue(name, out object? v) ? (T?)v : null;
            bool? Switch(string name) => Typed<bool>(name) == true ? true : (bool?)null;
            return new NewVideoInput
            {
                Request = new VideoRequest
                {
                    Model = Text("Model"),
                    Type = Text("Type"),
                    Prompt = Text("Prompt"),
                    ImageUrl = Text("ImageUrl"),
                    Duration = Typed<int>("Duration"),
                    Resolution = Text("Resolution"),
                    Mode = Text("Mode"),
                    AspectRatio = Text("AspectRatio"),
                    Style = Text("Style"),
                    Movement = Text("Movement"),
                    NegativePrompt = Text("NegativePrompt"),
                    Seed = Typed<long>("Seed"),
                    GenerateAudio = Switch("GenerateAudio"),
                    CameraFixed = Switch("CameraFixed"),
                },
                IdempotencyKey = Text("IdempotencyKey"),
                Columns = row.Keys.ToArray(),
                TargetObject = row,
            };
        }

        private static IReadOnlyList<BindableParameter> Load()
        {
            var parameters = new List<BindableParameter>();
            foreach (PropertyInfo property in CmdletAssembly.Cmdlets["New-SqVideo"].GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                // Only the parameter set that binds by property name: -Prompt is mandatory in the other (piped strings).
                var declared = CmdletAssembly.Attributes(property, "ParameterAttribute")
                    .Where(a => CmdletAssembly.Named(a, "ValueFromPipelineByPropertyName", false)).ToList();
                if (declared.Count == 0) continue;

                CustomAttributeData? alias = CmdletAssembly.Attribute(property, "AliasAttribute");
                CustomAttributeData? set = CmdletAssembly.Attribute(property, "ValidateSetAttribute");
                CustomAttributeData? transformation = property.GetCustomAttributesData()
                    .SingleOrDefault(a => a.AttributeType.Name.StartsWith("Csv", StringComparison.Ordinal) && a.AttributeType.Name.EndsWith("TransformationAttribute", StringComparison.Ordinal));
                parameters.Add(new BindableParameter(
                    property.Name,
                    new[] { property.Name }.Concat(alias == null ? Array.Empty<string>() : CmdletAssembly.Strings(alias)).ToArray(),
                    declared.Any(a => CmdletAssembly.Named(a, "Mandatory", false)),
                    set == null ? null : CmdletAssembly.Strings(set),
                    set != null && CmdletAssembly.Named(set, "IgnoreCase", true),
                    transformation?.AttributeType.Name,
                    (string?)transformation?.ConstructorArguments[0].Value));
            }

            if (!parameters.Any(p => p.Name == "Model") || !parameters.Any(p => p.TransformationName != null))
                throw new InvalidOperationException("New-SqVideo's metadata was not read: no Model parameter or no Csv transformation found.");
            return parameters;
        }

        internal sealed class BindableParameter
        {
            public BindableParameter(string name, string[] names, bool mandatory, string[]? validateSet, bool ignoreCase, string? transformationName, string? transformationField)
            {
                Name = name;
                Names = names;
                Mandatory = mandatory;
                ValidateSet = validateSet;
                IgnoreCase = ignoreCase;
                TransformationName = transformationName;
                TransformationField = transformationField;
            }

            public string Name { get; }
            public string[] Names { get; }
            public bool Mandatory { get; }
            public string[]? ValidateSet { get; }
            public bool IgnoreCase { get; }
            public string? TransformationName { get; }
            public string? TransformationField { get; }

            public object? Convert(string cell)
            {
                if (ValidateSet != null && !ValidateSet.Contains(cell, IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal))
                    throw new ArgumentException(
                        "Cannot validate argument on parameter '" + Name + "'. The argument \"" + cell + "\" does not belong to the set \""
                        + string.Join(", ", ValidateSet.Where(v => v.Length > 0)) + "\" specified by the ValidateSet attribute.", Name);

                switch (TransformationName)
                {
                    case null: return cell;
                    case "CsvInt32TransformationAttribute": return CsvValue.ToNullableInt32(cell, TransformationField!);
                    case "CsvInt64TransformationAttribute": return CsvValue.ToNullableInt64(cell, TransformationField!);
                    case "CsvBooleanTransformationAttribute": return CsvValue.ToNullableBoolean(cell, TransformationField!);
                    default: throw new NotSupportedException("New-SqVideo parameter " + Name + " has an unknown transformation " + TransformationName + "; teach the test binder about it.");
                }
            }
        }
    }
}
