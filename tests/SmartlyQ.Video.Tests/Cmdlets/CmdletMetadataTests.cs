using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using SmartlyQ.Video.Core.Models;
using Xunit;

namespace SmartlyQ.Video.Tests.Cmdlets
{
    /// <summary>
    /// The public surface of the nine cmdlets, read from the built SmartlyQ.Video.dll: names, verbs, parameters and
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
                "Provider: System.String [" + All + "]",
                "RequestsPerSecond: System.Double [" + All + "]",
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
                "AspectRatio: System.String [InputObject] ByPropertyName Alias=aspect_ratio",
                "AspectRatio: System.String [Prompt] Alias=aspect_ratio",
                "BatchId: System.String [" + All + "]",
                "CameraFixed: " + Switch + " [InputObject] ByPropertyName Alias=camera_fixed",
                "CameraFixed: " + Switch + " [Prompt] Alias=camera_fixed",
                Connection,
                "Duration: System.Int32? [InputObject] ByPropertyName",
                "Duration: System.Int32? [Prompt]",
                "GenerateAudio: " + Switch + " [InputObject] ByPropertyName Alias=generate_audio",
                "GenerateAudio: " + Switch + " [Prompt] Alias=generate_audio",
                "IdempotencyKey: System.String [InputObject] ByPropertyName Alias=idempotency_key",
                "IdempotencyKey: System.String [Prompt] Alias=idempotency_key",
                "ImagePath: System.String [InputObject] ByPropertyName Alias=image_path",
                "ImagePath: System.String [Prompt] Alias=image_path",
                "ImageUrl: System.String [InputObject] ByPropertyName Alias=image_url",
                "ImageUrl: System.String [Prompt] Alias=image_url",
                "InputObject: System.Management.Automation.PSObject [InputObject] ByValue DontShow",
                "JournalPath: System.String [" + All + "]",
                "Mode: System.String [InputObject] ByPropertyName",
                "Mode: System.String [Prompt]",
                "Model: System.String [InputObject] Mandatory ByPropertyName",
                "Model: System.String [Prompt] Mandatory",
                "Movement: System.String [InputObject] ByPropertyName",
                "Movement: System.String [Prompt]",
                "NegativePrompt: System.String [InputObject] ByPropertyName Alias=negative_prompt",
                "NegativePrompt: System.String [Prompt] Alias=negative_prompt",
                "Option: System.Collections.Hashtable [" + All + "]",
                "Prompt: System.String [InputObject] ByPropertyName",
                "Prompt: System.String [Prompt] Mandatory ByValue Position=0",
                "Resolution: System.String [InputObject] ByPropertyName",
                "Resolution: System.String [Prompt]",
                "Seed: System.Int64? [InputObject] ByPropertyName",
                "Seed: System.Int64? [Prompt]",
                "Style: System.String [InputObject] ByPropertyName",
                "Style: System.String [Prompt]",
                "ThrottleLimit: System.Int32? [" + All + "]",
                "Type: System.String [InputObject] ByPropertyName",
                "Type: System.String [Prompt]",
            },
            ["Wait-SqJob"] = new[]
            {
                "CancelOnTimeout: " + Switch + " [" + All + "]",
                Connection,
                "InputObject: SmartlyQ.Video.Core.Models.VideoJob[] [InputObject] Mandatory ByValue",
                "JobUid: System.String[] [JobUid] Mandatory ByValue ByPropertyName Position=0 Alias=job_uid,Id",
                "PollIntervalSec: System.Int32 [" + All + "]",
                "TimeoutSec: System.Int32 [" + All + "]",
            },
            ["Save-SqVideo"] = new[]
            {
                Connection,
                "FileName: System.String [" + All + "]",
                "Force: " + Switch + " [" + All + "]",
                "InputObject: SmartlyQ.Video.Core.Models.VideoJob[] [InputObject] Mandatory ByValue",
                "JobUid: System.String[] [JobUid] Mandatory ByValue ByPropertyName Position=0 Alias=job_uid,Id",
                "Path: System.String [" + All + "]",
                "ThrottleLimit: System.Int32 [" + All + "]",
            },
            ["Get-SqBalance"] = new[] { Connection },
            ["Get-SqJob"] = new[]
            {
                Connection,
                "First: System.Int32 [List]",
                "JobUid: System.String[] [JobUid] Mandatory ByValue ByPropertyName Position=0 Alias=job_uid,Id",
                "Since: System.DateTime [List]",
                "Status: System.String [List]",
            },
            ["Stop-SqJob"] = new[]
            {
                Connection,
                "InputObject: SmartlyQ.Video.Core.Models.VideoJob[] [InputObject] Mandatory ByValue",
                "JobUid: System.String[] [JobUid] Mandatory ByValue ByPropertyName Position=0 Alias=job_uid,Id",
                "PassThru: " + Switch + " [" + All + "]",
            },
            ["Disconnect-SmartlyQ"] = new[] { Connection },
        };

        public static TheoryData<string> CmdletNames => new TheoryData<string>(ExpectedParameters.Keys);

        [Fact]
        public void The_assembly_defines_exactly_the_nine_cmdlets()
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
        [InlineData("Get-SqJob", false)]
        [InlineData("Stop-SqJob", true)]
        [InlineData("Disconnect-SmartlyQ", false)]
        public void Only_the_cmdlets_that_spend_credits_cancel_jobs_or_write_files_support_ShouldProcess(string cmdlet, bool expected)
        {
            Assert.Equal(expected, CmdletAssembly.Named(CmdletAttribute(cmdlet), "SupportsShouldProcess", false));
        }

        [Theory]
        [InlineData("New-SqVideo")]
        [InlineData("Stop-SqJob")]
        public void Cmdlets_that_spend_or_cancel_have_medium_confirm_impact(string cmdlet)
        {
            object impact = CmdletAssembly.Named<object>(CmdletAttribute(cmdlet), "ConfirmImpact", -1);
            Assert.Equal(2, Convert.ToInt32(impact)); // ConfirmImpact.Medium
        }

        [Theory]
        [InlineData("Connect-SmartlyQ", "ApiKey")]
        [InlineData("Wait-SqJob", "InputObject")]
        [InlineData("Save-SqVideo", "InputObject")]
        [InlineData("Stop-SqJob", "InputObject")]
        [InlineData("New-SqVideo", "InputObject")]
        [InlineData("Get-SqJob", "Session")]
        public void Default_parameter_set_lets_a_piped_object_bind_by_value_and_no_arguments_mean_the_common_case(string cmdlet, string defaultSet)
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
        [InlineData("Get-SqJob", "SmartlyQ.Video.Core.Models.VideoJob")]
        [InlineData("Stop-SqJob", "SmartlyQ.Video.Core.Models.VideoJob")]
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
        public void New_SqVideo_row_parameter_refuses_strings_so_they_bind_to_Prompt()
        {
            PropertyInfo row = CmdletAssembly.Cmdlets["New-SqVideo"].GetProperty("InputObject")!;
            Assert.Single(row.GetCustomAttributesData(), a => a.AttributeType.FullName == "SmartlyQ.Video.Transformations.PipelineRowTransformationAttribute");
        }

        [Fact]
        public void Get_SqJob_Status_allows_the_neutral_job_states()
        {
            Assert.Equal(JobStatusExtensions.Names, ValidateSet(CmdletAssembly.Cmdlets["Get-SqJob"], "Status"));
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
            foreach (PropertyInfo p in type.GetProperties().Where(p => CmdletAssembly.Attributes(p, "ParameterAttribute").Any()))
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
