using System;
using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Core.Models;
using Xunit;
using Xunit.Abstractions;

namespace SmartlyQ.Video.Tests.BadInput
{
    /// <summary>The corpus itself: its size per cmdlet, unique readable case names, and a binder that really mirrors New-SqVideo.</summary>
    public sealed class BadInputCorpusTests
    {
        private readonly ITestOutputHelper _output;

        public BadInputCorpusTests(ITestOutputHelper output) => _output = output;

        /// <summary>Distinct bad inputs per cmdlet (the tables the theories run).</summary>
        public static IReadOnlyDictionary<string, string[]> CasesByCmdlet => new Dictionary<string, string[]>
        {
            ["New-SqVideo"] = NewVideoCases.All.Select(c => c.Name).Concat(new[] { "-BatchId '   '", "-BatchId tab" }).ToArray(),
            ["Connect-SmartlyQ"] = ConnectBadInputTests.All.Select(c => c.Name).ToArray(),
            ["Wait-SqJob"] = WaitJobBadInputTests.All.Select(c => c.Name).ToArray(),
            ["Save-SqVideo"] = SaveVideoBadInputTests.PathCases
                .Concat(SaveVideoBadInputTests.FileNameCases.Select(f => "-FileName '" + f + "'"))
                .Concat(SaveVideoBadInputTests.RecordCases.Select(c => c.Name)).ToArray(),
            ["Get-SqVideoModel"] = GetVideoModelBadInputTests.NameCases.Select(c => c.Name).Concat(GetVideoModelBadInputTests.TypeCases.Select(c => c.Name)).ToArray(),
            ["Get-SqBalance"] = new[] { "no connection" },
        };

        [Fact]
        public void Corpus_has_at_least_50_bad_inputs_35_of_them_New_SqVideo_rows_and_some_for_every_cmdlet()
        {
            foreach (var cmdlet in CasesByCmdlet) _output.WriteLine(cmdlet.Key + ": " + cmdlet.Value.Length);
            _output.WriteLine("total: " + CasesByCmdlet.Values.Sum(v => v.Length));

            Assert.True(CasesByCmdlet.Values.Sum(v => v.Length) >= 50);
            Assert.True(NewVideoCases.All.Count >= 35);
            Assert.Equal(new[] { "Connect-SmartlyQ", "Get-SqBalance", "Get-SqVideoModel", "New-SqVideo", "Save-SqVideo", "Wait-SqJob" }, CasesByCmdlet.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.All(CasesByCmdlet.Values, names => Assert.NotEmpty(names));
        }

        [Fact]
        public void Case_names_are_unique_within_each_table()
        {
            foreach (var cmdlet in CasesByCmdlet)
                Assert.Equal(cmdlet.Value.Length, cmdlet.Value.Distinct(StringComparer.Ordinal).Count());
        }

        [Fact]
        public void Every_list_field_and_unsupported_flag_of_the_catalog_has_a_New_SqVideo_case()
        {
            string[] fields = NewVideoCases.All.SelectMany(c => c.Fields).Distinct().ToArray();
            foreach (string field in new[] { "model", "type", "prompt", "image_url", "duration", "resolution", "mode", "aspect_ratio", "style", "movement", "negative_prompt", "seed", "generate_audio", "camera_fixed" })
                Assert.True(fields.Contains(field, StringComparer.OrdinalIgnoreCase) || fields.Contains(field.Replace("_", ""), StringComparer.OrdinalIgnoreCase), "no case for " + field);
        }

        [Fact]
        public void Binder_reads_New_SqVideo_metadata_names_aliases_ValidateSet_and_transformations()
        {
            var parameters = NewSqVideoRowBinding.ByPropertyName.ToDictionary(p => p.Name);

            Assert.Equal(16, parameters.Count);
            Assert.True(parameters["Model"].Mandatory);
            Assert.Contains("aspect_ratio", parameters["AspectRatio"].Names);
            Assert.Equal(VideoType.All.Concat(new[] { "" }), parameters["Type"].ValidateSet);
            Assert.Equal(("CsvInt32TransformationAttribute", "Duration"), (parameters["Duration"].TransformationName, parameters["Duration"].TransformationField));
            Assert.Equal(("CsvBooleanTransformationAttribute", "GenerateAudio"), (parameters["GenerateAudio"].TransformationName, parameters["GenerateAudio"].TransformationField));
        }

        [Fact]
        public void Binder_binds_a_good_csv_row_like_the_cmdlet()
        {
            var row = new Dictionary<string, string>
            {
                ["MODEL"] = "seedance-1-pro", ["type"] = "", ["prompt"] = "  a fox  ", ["image_url"] = "", ["duration"] = "10",
                ["aspect_ratio"] = "21:9", ["seed"] = "7", ["camera_fixed"] = "yes", ["generate_audio"] = "", ["idempotency_key"] = "k-1", ["notes"] = "ignored",
            };

            var input = NewSqVideoRowBinding.Bind(row);

            Assert.Equal("seedance-1-pro", input.Request.Model);
            Assert.Null(input.Request.Type);
            Assert.Equal("a fox", input.Request.Prompt);
            Assert.Null(input.Request.ImageUrl);
            Assert.Equal(10, input.Request.Duration);
            Assert.Equal("21:9", input.Request.AspectRatio);
            Assert.Equal(7L, input.Request.Seed);
            Assert.True(input.Request.CameraFixed);
            Assert.Null(input.Request.GenerateAudio);
            Assert.Equal("k-1", input.IdempotencyKey);
            Assert.Same(row, input.TargetObject);
        }
    }
}
