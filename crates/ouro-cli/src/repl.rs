//! The interactive session: `>>> ` and `... ` prompts, line editing and
//! history (rustyline), expression values echoed, Ctrl-C cancels the
//! current input, Ctrl-D exits.

use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;

use ouro_vm::Vm;

pub fn run(vm: &mut Vm) -> i32 {
    eprintln!(
        "ouro {} (Python 3.11 compatible) on {}\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    );
    let mut editor = match DefaultEditor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("ouro: cannot start line editing: {e}");
            return 1;
        }
    };
    let history =
        std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".ouro_history"));
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    let mut status = 0;
    'session: loop {
        let mut buffer = String::new();
        let mut prompt = ">>> ";
        loop {
            match editor.readline(prompt) {
                Ok(line) => {
                    if buffer.is_empty() && line.trim().is_empty() {
                        continue 'session;
                    }
                    buffer.push_str(&line);
                    buffer.push('\n');
                    if !line.trim().is_empty() {
                        let _ = editor.add_history_entry(line.as_str());
                    }
                    // A blank line ends a compound statement.
                    let ended = line.trim().is_empty();
                    if ended || !ouro_compiler_is_incomplete(&buffer) {
                        break;
                    }
                    prompt = "... ";
                }
                Err(ReadlineError::Interrupted) => {
                    eprintln!("KeyboardInterrupt");
                    continue 'session;
                }
                Err(ReadlineError::Eof) => break 'session,
                Err(e) => {
                    eprintln!("ouro: {e}");
                    status = 1;
                    break 'session;
                }
            }
        }
        if let Err(code) = vm.run_interactive(&buffer) {
            status = code;
            break;
        }
    }
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    status
}

fn ouro_compiler_is_incomplete(src: &str) -> bool {
    ouro_vm::is_incomplete_input(src)
}
