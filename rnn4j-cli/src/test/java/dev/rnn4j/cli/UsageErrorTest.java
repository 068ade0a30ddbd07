package dev.rnn4j.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of usage error is one line naming the command and the problem, a hint, and exit 2:
 * never a stack trace, never a silent success.
 */
class UsageErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            classify --epochs 99999999999 | rnn4j classify | invalid value for option '--epochs': 99999999999 is not in 1..100000
            classify --epochs 0           | rnn4j classify | invalid value for option '--epochs': 0 is not in 1..100000
            classify --epochs -3          | rnn4j classify | invalid value for option '--epochs': -3 is not in 1..100000
            classify --epochs=100001      | rnn4j classify | invalid value for option '--epochs': 100001 is not in 1..100000
            classify --epochs abc         | rnn4j classify | invalid value for option '--epochs': 'abc' is not an integer
            classify --epochs 2.5         | rnn4j classify | invalid value for option '--epochs': '2.5' is not an integer
            classify --epochs             | rnn4j classify | missing required parameter for option '--epochs' (N)
            classify --epochs=5 --epochs 6 | rnn4j classify | option '--epochs' (N) should be specified only once
            seed --seed 1 --seed=1        | rnn4j seed     | option '--seed' (N) should be specified only once
            seed --seed 99999999999999999999 | rnn4j seed  | invalid value for option '--seed': 99999999999999999999 is not in -9223372036854775808..9223372036854775807
            seed --seed 0x10              | rnn4j seed     | invalid value for option '--seed': '0x10' is not an integer
            seed --sed 3                  | rnn4j seed     | unknown option '--sed' (did you mean --seed?)
            seed --verbose                | rnn4j seed     | unknown option '--verbose'
            seed 3                        | rnn4j seed     | unexpected argument '3'
            classify --epochs 2 extra     | rnn4j classify | unexpected argument 'extra'
            bogus                         | rnn4j          | unknown command 'bogus'
            sed --seed 0                  | rnn4j          | unknown command 'sed' (did you mean seed?)
            --bogus                       | rnn4j          | unknown option '--bogus'
            help bogus                    | rnn4j          | unknown subcommand 'bogus'
            """)
    void isOneLineAndAHint(String args, String command, String problem) {
        Run.of(args.split(" ")).assertUsageError(command, problem);
    }
}
