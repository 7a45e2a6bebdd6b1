using System.CommandLine;
using MedTechAccounts.Cli.Clv;

var root = new RootCommand("medtech — operator and analyst tool for MedTech Accounts");
root.Subcommands.Add(ClvCommands.Create());
return await root.Parse(args).InvokeAsync();
