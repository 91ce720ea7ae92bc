//! What `plansite.exe` says when it is opened on Windows with no command: most likely with a
//! double-click in Explorer, which opens a console window that would close at once on clap's
//! "a subcommand is required". Elsewhere, and with any argument, clap answers as usual.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

/// What to do, in Vietnamese then English; `{exe}` is the program's own file name.
const GUIDE: &str = "\
plansite {version}: đưa kế hoạch lên trang web.

Chương trình này chạy bằng lệnh gõ trong cửa sổ dòng lệnh, không chạy bằng cách bấm đúp.
  1. Trong File Explorer, mở thư mục có tệp {exe}.
  2. Bấm vào thanh địa chỉ của thư mục, gõ cmd rồi nhấn Enter:
     cửa sổ dòng lệnh mở ra ngay tại thư mục này.
  3. Gõ từng dòng, mỗi dòng xong nhấn Enter:
       .\\plansite new ke-hoach        (tạo một trang mẫu trong thư mục ke-hoach)
       cd ke-hoach
       ..\\plansite serve --open       (xem trang trong trình duyệt)
Hướng dẫn đầy đủ: tệp HUONG-DAN.txt đi kèm.

This program runs from a command window, not by double-clicking.
  1. In File Explorer, open the folder that holds {exe}.
  2. Click the folder's address bar, type cmd and press Enter:
     a command window opens in this folder.
  3. Type each line, then Enter:
       .\\plansite new my-plan          (a sample site in the folder my-plan)
       cd my-plan
       ..\\plansite serve --open        (see it in the browser)
The whole guide: README.txt, beside the program.
";

/// When `plansite` was started on Windows with no arguments from a console (what a
/// double-click does), prints what to do and, if the window is the program's own, waits for
/// Enter so that it can be read; returns the exit code. `None` in every other case.
pub fn no_command() -> Option<ExitCode> {
    if !cfg!(windows) || std::env::args_os().len() > 1 || !std::io::stdin().is_terminal() {
        return None;
    }
    let exe = std::env::current_exe().ok();
    let name = exe
        .as_deref()
        .and_then(Path::file_name)
        .map_or_else(|| "plansite.exe".into(), |n| n.to_string_lossy());
    let guide = GUIDE
        .replace("{version}", env!("CARGO_PKG_VERSION"))
        .replace("{exe}", &name);
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "{guide}");
    // Explorer starts a double-clicked program in its own folder, in a new console window that
    // closes when the program ends. Typed in a console elsewhere, the guide is enough.
    // Compared canonical: Windows paths may differ in case or in a drive letter's spelling.
    let own_folder = exe
        .as_deref()
        .and_then(Path::parent)
        .and_then(|p| std::fs::canonicalize(p).ok());
    let here = std::env::current_dir().and_then(std::fs::canonicalize).ok();
    if own_folder.is_some() && own_folder == here {
        let _ = write!(
            out,
            "\nNhấn Enter để đóng cửa sổ này. / Press Enter to close this window.\n"
        );
        let _ = out.flush();
        let _ = std::io::stdin().lock().read_line(&mut String::new());
    }
    Some(ExitCode::from(2))
}
