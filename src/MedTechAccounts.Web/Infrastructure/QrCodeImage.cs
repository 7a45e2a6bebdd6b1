using QRCoder;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// A QR code drawn on the server as a PNG <c>data:</c> URI (the Content-Security-Policy allows <c>img-src data:</c>):
/// no script, no external service. The authenticator set-up shows one for its <c>otpauth://</c> URI.
/// </summary>
public static class QrCodeImage
{
    /// <summary>The PNG of <paramref name="text"/> as a data URI, <paramref name="pixelsPerModule"/> pixels per module, with the quiet zone.</summary>
    public static string PngDataUri(string text, int pixelsPerModule = 5)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var code = new PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(code.GetGraphic(pixelsPerModule));
    }
}
