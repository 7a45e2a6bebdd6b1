using MedTechAccounts.Core;
using MedTechAccounts.Web;
using MedTechAccounts.Web.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddWeb(builder.Configuration, builder.Environment);
builder.Services.AddSignIn(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UseWeb();
app.Run();

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;
