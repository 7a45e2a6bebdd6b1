using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Catalog;

namespace MedTechAccounts.UnitTests.Features.Catalog;

public sealed class ProductValidatorTests
{
    private static readonly CreateProduct.Command Valid = new()
    {
        Sku = "VNT-200", Name = "Servo Air ICU ventilator", Family = "Ventilation", Category = ProductCategory.Capital,
        ListPrice = 38500.50m, ServiceLifeMonths = 120,
    };

    private static IEnumerable<string> Failing(CreateProduct.Command command) =>
        new ProductFieldsValidator<CreateProduct.Command>().Validate(command).Errors.Select(e => e.PropertyName).Distinct().Order();

    [Fact]
    public void A_complete_product_is_valid() => Assert.Empty(Failing(Valid));

    [Theory]
    [InlineData("-0.01")]
    [InlineData("10.005")]
    public void A_negative_price_or_one_with_more_than_two_decimals_is_refused(string price) =>
        Assert.Equal(["ListPrice"], Failing(Valid with { ListPrice = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) }));

    [Fact]
    public void A_free_product_and_a_price_with_trailing_zeros_are_accepted()
    {
        Assert.Empty(Failing(Valid with { ListPrice = 0m }));
        Assert.Empty(Failing(Valid with { ListPrice = 12.500m }));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(601)]
    public void Service_life_is_between_0_and_600_months(int months) =>
        Assert.Equal(["ServiceLifeMonths"], Failing(Valid with { ServiceLifeMonths = months }));

    [Fact]
    public void Capital_equipment_needs_a_service_life_and_a_consumable_does_not()
    {
        Assert.Equal(["ServiceLifeMonths"], Failing(Valid with { ServiceLifeMonths = 0 }));
        Assert.Empty(Failing(Valid with { Category = ProductCategory.Consumable, ServiceLifeMonths = 0 }));
        Assert.Empty(Failing(Valid with { ServiceLifeMonths = 600 }));
    }

    [Fact]
    public void Sku_name_and_family_are_required_and_the_sku_has_no_spaces() =>
        Assert.Equal(["Family", "Name", "Sku"], Failing(Valid with { Sku = "VNT 200", Name = "", Family = " " }));
}
