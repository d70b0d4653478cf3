using System;
using SmartlyQ.Video.Core.Operations;
using Xunit;

namespace SmartlyQ.Video.Tests.Operations
{
    public class CsvValueTests
    {
        [Theory]
        [InlineData("10", 10)]
        [InlineData(" 5 ", 5)]
        [InlineData("", null)]
        [InlineData("   ", null)]
        [InlineData(null, null)]
        public void Int_strings_from_csv_convert(string? text, int? expected)
            => Assert.Equal(expected, CsvValue.ToNullableInt32(text, "duration"));

        [Theory]
        [InlineData("true", true)]
        [InlineData("TRUE", true)]
        [InlineData("yes", true)]
        [InlineData("1", true)]
        [InlineData("false", false)]
        [InlineData("No", false)]
        [InlineData("0", false)]
        [InlineData("", null)]
        public void Bool_strings_from_csv_convert(string text, bool? expected)
            => Assert.Equal(expected, CsvValue.ToNullableBoolean(text, "generate_audio"));

        [Fact]
        public void Not_a_number_names_the_field()
        {
            var ex = Assert.Throws<ArgumentException>(() => CsvValue.ToNullableInt32("ten", "duration"));

            Assert.Equal("duration", ex.ParamName);
            Assert.Contains("duration must be a whole number", ex.Message);
            Assert.Contains("'ten'", ex.Message);
        }

        [Fact]
        public void Not_a_boolean_names_the_field_and_the_accepted_words()
        {
            var ex = Assert.Throws<ArgumentException>(() => CsvValue.ToNullableBoolean("maybe", "camera_fixed"));

            Assert.Equal("camera_fixed", ex.ParamName);
            Assert.Contains("true or false", ex.Message);
        }

        [Fact]
        public void Typed_values_pass_through()
        {
            Assert.Equal(8, CsvValue.ToNullableInt32(8, "duration"));
            Assert.Equal(42L, CsvValue.ToNullableInt64(42, "seed"));
            Assert.Equal(true, CsvValue.ToNullableBoolean(true, "camera_fixed"));
        }
    }
}
