using System.Linq;
using SmartlyQ.Video.Core.Text;
using SmartlyQ.Video.Core.Validation;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    public class ColumnNamesTests
    {
        private static ColumnNames NewSqVideoColumns() => new ColumnNames()
            .Add("Model", new string[0])
            .Add("Prompt", new string[0])
            .Add("Mode", new string[0])
            .Add("Seed", new string[0])
            .Add("Duration", new string[0])
            .Add("AspectRatio", new[] { "aspect_ratio" })
            .Add("NegativePrompt", new[] { "negative_prompt" });

        [Theory]
        [InlineData("prompt", "prompt", 0)]
        [InlineData("prompt", "promtp", 1)]   // swap
        [InlineData("prompt", "prompts", 1)]  // insertion
        [InlineData("prompt", "prmpt", 1)]    // deletion
        [InlineData("prompt", "pronpt", 1)]   // substitution
        [InlineData("prompt", "rpomtp", 2)]   // two swaps
        [InlineData("ca", "abc", 3)]          // OSA edits no substring twice (full Damerau–Levenshtein says 2)
        [InlineData("", "abc", 3)]
        public void Osa_distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected)
        {
            Assert.Equal(expected, EditDistance.Osa(a, b));
            Assert.Equal(expected, EditDistance.Osa(b, a));
        }

        [Theory]
        [InlineData("aspect_ratio")]
        [InlineData("ASPECT_RATIO")]
        [InlineData("AspectRatio")]
        [InlineData("model")]
        public void Names_and_aliases_bind_in_any_case(string column)
        {
            ColumnCheck check = NewSqVideoColumns().Check(new[] { column });

            Assert.Empty(check.Mismatches);
            Assert.Empty(check.Unknown);
        }

        [Theory]
        [InlineData("aspect ratio", "AspectRatio")]
        [InlineData("Aspect-Ratio", "AspectRatio")]
        [InlineData("aspect_ration", "AspectRatio")]
        [InlineData("aspect ration", "AspectRatio")]
        [InlineData("negative prompt", "NegativePrompt")]
        [InlineData("promtp", "Prompt")]
        [InlineData("prompts", "Prompt")]
        [InlineData("Duraton", "Duration")]
        public void A_column_spelled_differently_or_one_typo_from_a_long_name_is_a_mismatch(string column, string parameter)
        {
            ColumnMismatch mismatch = Assert.Single(NewSqVideoColumns().Check(new[] { column }).Mismatches);

            Assert.Equal(column, mismatch.Column);
            Assert.Equal(parameter, mismatch.Parameter);
        }

        [Fact]
        public void The_suggestion_names_the_snake_case_alias_first()
        {
            ColumnMismatch mismatch = Assert.Single(NewSqVideoColumns().Check(new[] { "aspect ratio" }).Mismatches);

            Assert.Equal("aspect_ratio or AspectRatio", mismatch.Suggestion);
        }

        [Theory]
        [InlineData("note")]   // one letter from mode, but mode is too short for a typo check
        [InlineData("modes")]
        [InlineData("seeds")]
        [InlineData("title")]
        [InlineData("image")]
        public void Short_names_get_no_typo_check_and_other_columns_are_unknown(string column)
        {
            ColumnCheck check = NewSqVideoColumns().Check(new[] { column });

            Assert.Empty(check.Mismatches);
            Assert.Equal(new[] { column }, check.Unknown);
        }

        [Fact]
        public void Sorts_a_whole_row_and_takes_names_added_later_as_known()
        {
            ColumnNames columns = NewSqVideoColumns().Add("Option", new[] { "enhance_prompt" });

            ColumnCheck check = columns.Check(new[] { "model", "prompt", "enhance_prompt", "notes", "aspect-ratio", "Seed" });

            Assert.Equal(new[] { "aspect-ratio" }, check.Mismatches.Select(m => m.Column));
            Assert.Equal(new[] { "notes" }, check.Unknown);
        }
    }
}
