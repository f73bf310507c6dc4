using MaLAM4Com.Cli.Commands;

return CommandLine.Run(args);
