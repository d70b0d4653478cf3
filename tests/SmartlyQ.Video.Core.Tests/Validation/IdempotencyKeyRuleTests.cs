using SmartlyQ.Video.Core.Validation;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Validation
{
    public class IdempotencyKeyRuleTests
    {
        [Theory]
        [InlineData("\r", "CR (U+000D)")]
        [InlineData("\n", "LF (U+000A)")]
        [InlineData("\0", "NUL (U+0000)")]
        [InlineData("\t", "TAB (U+0009)")]
        [InlineData("\u001F", "U+001F")]
        [InlineData("\u007F", "DEL (U+007F)")]
        [InlineData("\u0085", "NEL (U+0085)")]
        [InlineData("\u009F", "U+009F")]
        [InlineData("\u2028", "line separator (U+2028)")]
        [InlineData("\u2029", "paragraph separator (U+2029)")]
        public void A_control_character_is_refused_naming_the_field_the_character_and_its_position(string c, string name)
        {
            string? problem = IdempotencyKeyRule.Problem("ab" + c + "cd", "idempotency_key");

            Assert.NotNull(problem);
            Assert.StartsWith("idempotency_key '", problem);
            Assert.Contains(name, problem);
            Assert.Contains("position 3", problem);
            Assert.Equal(-1, UnsafeCharacters.IndexOf(problem));
        }

        [Theory]
        [InlineData(" ", "a space")]
        [InlineData("é", "'é' (U+00E9)")]
        [InlineData("\u00A0", "U+00A0")]
        public void Spaces_and_non_ASCII_are_refused_too(string c, string what)
            => Assert.Contains(what, IdempotencyKeyRule.Problem("ab" + c, "IdempotencyKey"));

        [Theory]
        [InlineData("!")]
        [InlineData("~")]
        [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
        [InlineData("row:42/a=b;c,d\"e")]
        [InlineData("%0d%0aX-Evil:%201")]
        public void Visible_ASCII_passes(string key)
            => Assert.Null(IdempotencyKeyRule.Problem(key, "idempotency_key"));

        [Fact]
        public void Length_is_1_to_255()
        {
            Assert.Contains("is empty", IdempotencyKeyRule.Problem("", "idempotency_key"));
            Assert.Null(IdempotencyKeyRule.Problem(new string('k', 255), "idempotency_key"));
            Assert.Contains("256 characters long", IdempotencyKeyRule.Problem(new string('k', 256), "idempotency_key"));
        }

        [Fact]
        public void Messages_show_control_characters_escaped_and_long_values_cut()
        {
            Assert.Equal("a\\r\\nb\\0\\t\\u0085\\u2028", UnsafeCharacters.Show("a\r\nb\0\t\u0085\u2028"));
            Assert.Equal(new string('x', 5) + "…", UnsafeCharacters.Show(new string('x', 9), 5));
        }

        [Theory]
        [InlineData('\u001F', true)]
        [InlineData(' ', false)]
        [InlineData('~', false)]
        [InlineData('\u007F', true)]
        [InlineData('\u009F', true)]
        [InlineData('\u00A0', false)]
        [InlineData('\u2027', false)]
        [InlineData('\u2028', true)]
        [InlineData('\u202A', false)]
        public void Unsafe_means_C0_DEL_C1_and_the_Unicode_line_and_paragraph_separators(char c, bool unsafeChar)
            => Assert.Equal(unsafeChar, UnsafeCharacters.IsUnsafe(c));
    }
}
