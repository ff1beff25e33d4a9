process.stdout.write('start\n');
