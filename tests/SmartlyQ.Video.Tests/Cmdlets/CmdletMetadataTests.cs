using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace SmartlyQ.Video.Tests.Cmdlets
{
    /// <summary>
    /// The public surface of the six cmdlets, read from the built SmartlyQ.Video.dll: names, verbs, parameters and
    /// their binding, validation and transformation attributes, ShouldProcess and output types.
    /// </summary>
    public sealed class CmdletMetadataTests
    {
        private const string All = "__AllParameterSets";
        private const string Connection = "Connection: SmartlyQ.Video.Core.Connections.SmartlyQConnection [" + All + "]";
        private const string Switch = "System.Management.Automation.SwitchParameter";

        /// <summary>Every parameter as "Name: Type [Set] Mandatory ByValue ByPropertyName Position=n Alias=a,b", sorted.</summary>
        private static readonly Dictionary<string, string[]> ExpectedParameters = new Dictionary<string, string[]>
        {
            ["Connect-SmartlyQ"] = new[]
            {
                "ApiKey: System.Security.SecureString [ApiKey]",
                "BaseUri: System.Uri [" + All + "]",
                "Credential: System.Management.Automation.PSCredential [Credential] Mandatory",
                "MaximumRetryCount: System.Int32 [" + All + "]",
                "PassThru: " + Switch + " [" + All + "]",
                "RetryIntervalSec: System.Int32 [" + All + "]",
                "TimeoutSec: System.Int32 [" + All + "]",
                "TotalTimeoutSec: System.Int32 [" + All + "]",
            },
            ["Get-SqVideoModel"] = new[]
            {
                Connection,
                "Name: System.String[] [" + All + "] Position=0",
                "Refresh: " + Switch + " [" + All + "]",
                "Type: System.String [" + All + "]",
            },
            ["New-SqVideo"] = new[]
            {
                "AspectRatio: System.String [" + All + "] ByPropertyName Alias=aspect_ratio",
                "BatchId: System.String [" + All + "]",
                "CameraFixed: System.Boolean? [" + All + "] ByPropertyName Alias=camera_fixed",
                Connection,
                "Duration: System.Int32? [" + All + "] ByPropertyName",
                "GenerateAudio: System.Boolean? [" + All + "] ByPropertyName Alias=generate_audio",
                "IdempotencyKey: System.String [" + All + "] ByPropertyName Alias=idempotency_key",
                "ImageUrl: System.String [" + All + "] ByPropertyName Alias=image_url",
                "Mode: System.String [" + All + "] ByPropertyName",
                "Model: System.String [" + All + "] Mandatory ByPropertyName",
                "Movement: System.String [" + All + "] ByPropertyName",
                "NegativePrompt: System.String [" + All + "] ByPropertyName Alias=negative_prompt",
                "Prompt: System.String [" + All + "] ByPropertyName",
                "Resolution: System.String [" + All + "] ByPropertyName",
                "Seed: System.Int64? [" + All + "] ByPropertyName",
                "Style: System.String [" + All + "] ByPropertyName",
                "Type: System.String [" + All + "] ByPropertyName",
            },
            ["Wait-SqJob"] = new[]
            {
                "CancelOnTimeout: " + Switch + " [" + All + "]",
                Connection,
                "InputObject: SmartlyQ.Video.Core.Models.VideoJob[] [InputObject] Mandatory ByValue",
                "JobUid: System.String[] [JobUid] Mandatory ByPropertyName Alias=job_uid,Id",
                "PollIntervalSec: System.Int32 [" + All + "]",
                "TimeoutSec: System.Int32 [" + All + "]",
            },
            ["Save-SqVideo"] = new[]
            {
                Connection,
                "FileName: System.String [" + All + "]",
                "Force: " + Switch + " [" + All + "]",
                "InputObject: SmartlyQ.Video.Core.Models.VideoJob[] [InputObject] Mandatory ByValue",
                "JobUid: System.String[] [JobUid] Mandatory ByPropertyName Alias=job_uid,Id",
                "Path: System.String [" + All + "]",
                "ThrottleLimit: System.Int32 [" + All + "]",
            },
            ["Get-SqBalance"] = new[] { Connection },
        };

        public static TheoryData<string> CmdletNames => new TheoryData<string>(ExpectedParameters.Keys);

        [Fact]
        public void The_assembly_defines_exactly_the_six_cmdlets()
        {
            Assert.Equal(ExpectedParameters.Keys.OrderBy(n => n), CmdletAssembly.Cmdlets.Keys.OrderBy(n => n));
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void Verb_is_an_approved_PowerShell_verb(string cmdlet)
        {
            var approved = CmdletAssembly.Sma.GetTypes()
                .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToHashSet(StringComparer.Ordinal);

            Assert.Contains("Connect", approved); // the verb table itself was found
            Assert.Contains(cmdlet.Split('-')[0], approved);
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void Parameters_sets_pipeline_binding_and_aliases_are_exactly_as_specified(string cmdlet)
        {
            Type type = CmdletAssembly.Cmdlets[cmdlet];
            string[] actual = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .SelectMany(p => CmdletAssembly.Attributes(p, "ParameterAttribute").Select(a => Describe(p, a)))
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToArray();

            Assert.Equal(ExpectedParameters[cmdlet], actual);
        }

        [Theory]
        [InlineData("Connect-SmartlyQ", false)]
        [InlineData("Get-SqVideoModel", false)]
        [InlineData("New-SqVideo", true)]
        [InlineData("Wait-SqJob", false)]
        [InlineData("Save-SqVideo", true)]
        [InlineData("Get-SqBalance", false)]
        public void Only_the_cmdlets_that_spend_credits_or_write_files_support_ShouldProcess(string cmdlet, bool expected)
        {
            Assert.Equal(expected, CmdletAssembly.Named(CmdletAttribute(cmdlet), "SupportsShouldProcess", false));
        }

        [Fact]
        public void New_SqVideo_has_medium_confirm_impact()
        {
            object impact = CmdletAssembly.Named<object>(CmdletAttribute("New-SqVideo"), "ConfirmImpact", -1);
            Assert.Equal(2, Convert.ToInt32(impact)); // ConfirmImpact.Medium
        }

        [Theory]
        [InlineData("Connect-SmartlyQ", "ApiKey")]
        [InlineData("Wait-SqJob", "InputObject")]
        [InlineData("Save-SqVideo", "InputObject")]
        public void Default_parameter_set_lets_a_piped_VideoJob_bind_by_value(string cmdlet, string defaultSet)
        {
            Assert.Equal(defaultSet, CmdletAssembly.Named<string?>(CmdletAttribute(cmdlet), "DefaultParameterSetName", null));
        }

        [Theory]
        [InlineData("Connect-SmartlyQ", "SmartlyQ.Video.Core.Connections.SmartlyQConnection")]
        [InlineData("Get-SqVideoModel", "SmartlyQ.Video.Core.Models.VideoModel")]
        [InlineData("New-SqVideo", "SmartlyQ.Video.Core.Models.VideoJob")]
        [InlineData("Wait-SqJob", "SmartlyQ.Video.Core.Models.VideoJob")]
        [InlineData("Save-SqVideo", "System.IO.FileInfo")]
        [InlineData("Get-SqBalance", "SmartlyQ.Video.Core.Models.WalletBalance")]
        public void OutputType_names_the_typed_class(string cmdlet, string expected)
        {
            CustomAttributeData output = Assert.Single(CmdletAssembly.Attributes(CmdletAssembly.Cmdlets[cmdlet], "OutputTypeAttribute"));
            var types = (IEnumerable<CustomAttributeTypedArgument>)output.ConstructorArguments[0].Value!;
            Assert.Equal(new[] { expected }, types.Select(t => ((Type)t.Value!).FullName));
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void Every_cmdlet_runs_through_the_shared_async_pump(string cmdlet)
        {
            Type? type = CmdletAssembly.Cmdlets[cmdlet];
            while (type != null && type.FullName != "SmartlyQ.Video.Pipeline.AsyncCmdletBase") type = type.BaseType;
            Assert.NotNull(type);
        }

        [Fact]
        public void Get_SqVideoModel_validates_Type_and_takes_wildcards_in_Name()
        {
            Type type = CmdletAssembly.Cmdlets["Get-SqVideoModel"];
            Assert.Equal(new[] { "text_to_video", "image_to_video" }, ValidateSet(type, "Type"));
            Assert.NotNull(CmdletAssembly.Attribute(type.GetProperty("Name")!, "SupportsWildcardsAttribute"));
        }

        [Fact]
        public void New_SqVideo_Type_allows_the_two_types_and_an_empty_csv_cell()
        {
            Assert.Equal(new[] { "text_to_video", "image_to_video", "" }, ValidateSet(CmdletAssembly.Cmdlets["New-SqVideo"], "Type"));
        }

        [Fact]
        public void New_SqVideo_Model_is_mandatory_but_accepts_an_empty_csv_cell()
        {
            PropertyInfo model = CmdletAssembly.Cmdlets["New-SqVideo"].GetProperty("Model")!;
            Assert.NotNull(CmdletAssembly.Attribute(model, "AllowEmptyStringAttribute"));
        }

        [Theory]
        [InlineData("Duration", "SmartlyQ.Video.Transformations.CsvInt32TransformationAttribute")]
        [InlineData("Seed", "SmartlyQ.Video.Transformations.CsvInt64TransformationAttribute")]
        [InlineData("GenerateAudio", "SmartlyQ.Video.Transformations.CsvBooleanTransformationAttribute")]
        [InlineData("CameraFixed", "SmartlyQ.Video.Transformations.CsvBooleanTransformationAttribute")]
        public void New_SqVideo_typed_parameters_convert_csv_text_and_name_the_field(string parameter, string transformation)
        {
            PropertyInfo property = CmdletAssembly.Cmdlets["New-SqVideo"].GetProperty(parameter)!;
            CustomAttributeData attribute = Assert.Single(property.GetCustomAttributesData(), a => a.AttributeType.FullName == transformation);
            Assert.Equal(parameter, attribute.ConstructorArguments[0].Value);
            Assert.Equal("System.Management.Automation.ArgumentTransformationAttribute", attribute.AttributeType.BaseType!.BaseType!.FullName);
        }

        [Theory]
        [InlineData("TimeoutSec", 1, int.MaxValue)]
        [InlineData("PollIntervalSec", 1, 3600)]
        public void Wait_SqJob_intervals_are_range_checked(string parameter, int min, int max)
        {
            PropertyInfo property = CmdletAssembly.Cmdlets["Wait-SqJob"].GetProperty(parameter)!;
            CustomAttributeData range = CmdletAssembly.Attribute(property, "ValidateRangeAttribute")!;
            Assert.Equal(new object[] { min, max }, range.ConstructorArguments.Select(a => a.Value is CustomAttributeTypedArgument inner ? inner.Value : a.Value));
        }

        [Fact]
        public void Connect_SmartlyQ_Credential_accepts_a_user_name_and_prompts()
        {
            Assert.NotNull(CmdletAssembly.Attribute(CmdletAssembly.Cmdlets["Connect-SmartlyQ"].GetProperty("Credential")!, "CredentialAttribute"));
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void Cmdlet_and_every_parameter_have_xml_documentation(string cmdlet)
        {
            Type type = CmdletAssembly.Cmdlets[cmdlet];
            XDocument docs = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "SmartlyQ.Video.xml"));
            var documented = docs.Descendants("member")
                .Where(m => !string.IsNullOrWhiteSpace((string?)m.Element("summary")))
                .Select(m => (string)m.Attribute("name")!)
                .ToHashSet();

            Assert.Contains("T:" + type.FullName, documented);
            foreach (PropertyInfo p in type.GetProperties().Where(p => CmdletAssembly.Attribute(p, "ParameterAttribute") != null))
                Assert.Contains("P:" + p.DeclaringType!.FullName + "." + p.Name, documented);
        }

        private static CustomAttributeData CmdletAttribute(string cmdlet)
            => CmdletAssembly.Attribute(CmdletAssembly.Cmdlets[cmdlet], "CmdletAttribute")!;

        private static string[] ValidateSet(Type cmdlet, string parameter)
            => CmdletAssembly.Strings(CmdletAssembly.Attribute(cmdlet.GetProperty(parameter)!, "ValidateSetAttribute")!);

        private static string Describe(PropertyInfo property, CustomAttributeData parameter)
        {
            var parts = new List<string>
            {
                property.Name + ": " + CmdletAssembly.Format(property.PropertyType) + " [" + CmdletAssembly.Named(parameter, "ParameterSetName", All) + "]",
            };
            if (CmdletAssembly.Named(parameter, "Mandatory", false)) parts.Add("Mandatory");
            if (CmdletAssembly.Named(parameter, "ValueFromPipeline", false)) parts.Add("ByValue");
            if (CmdletAssembly.Named(parameter, "ValueFromPipelineByPropertyName", false)) parts.Add("ByPropertyName");
            if (CmdletAssembly.Named(parameter, "ValueFromRemainingArguments", false)) parts.Add("Remaining");
            if (CmdletAssembly.Named(parameter, "DontShow", false)) parts.Add("DontShow");
            int position = CmdletAssembly.Named(parameter, "Position", int.MinValue);
            if (position != int.MinValue) parts.Add("Position=" + position);
            CustomAttributeData? alias = CmdletAssembly.Attribute(property, "AliasAttribute");
            if (alias != null) parts.Add("Alias=" + string.Join(",", CmdletAssembly.Strings(alias)));
            return string.Join(" ", parts);
        }
    }
}
