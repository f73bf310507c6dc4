using MaLAM4Com.Cli.Commands;
using MaLAM4Com.Models;

NativeHeap.KeepFreedBlocks();
return CommandLine.Run(args);
