<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Casebook</source>
        <translation>关于案例库</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Casebook built</source>
        <translation>案例库生成时间</translation>
    </message>
    <message>
        <source>Casebook sources</source>
        <translation>案例库来源指纹</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案例数</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次数</translation>
    </message>
    <message>
        <source>Casebook file</source>
        <translation>案例库文件</translation>
    </message>
    <message>
        <source>User data</source>
        <translation>用户数据</translation>
    </message>
    <message>
        <source> (portable)</source>
        <translation>（便携模式）</translation>
    </message>
    <message>
        <source>Casebook</source>
        <translation>案例库</translation>
    </message>
    <message>
        <source>An offline reader for best-practice case collections.</source>
        <translation>最佳实践案例离线阅读器。</translation>
    </message>
    <message>
        <source>Casebook never connects to the network.</source>
        <translation>本软件从不连接网络。</translation>
    </message>
</context>
<context>
    <name>AnnotationActions</name>
    <message>
        <source>Highlight</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>Bookmark This Place</source>
        <translation>为此处添加书签</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Bookmark added</source>
        <translation>已添加书签</translation>
    </message>
</context>
<context>
    <name>AnnotationEditor</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Tags, separated by spaces or commas</source>
        <translation>标签，用空格或逗号分隔</translation>
    </message>
    <message>
        <source>Write a note (Markdown: **bold**, *italic*, - lists)…</source>
        <translation>写批注（Markdown：**粗体**、*斜体*、- 列表）…</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>(the whole case)</source>
        <translation>（整个案例）</translation>
    </message>
    <message>
        <source>Delete empty case note</source>
        <translation>删除空的案例批注</translation>
    </message>
    <message>
        <source>Add case note</source>
        <translation>添加案例批注</translation>
    </message>
    <message>
        <source>Change colour</source>
        <translation>更改颜色</translation>
    </message>
</context>
<context>
    <name>AnnotationFiles</name>
    <message>
        <source>Annotations, lossless (*.json)</source>
        <translation>批注，完整无损（*.json）</translation>
    </message>
    <message>
        <source>Readable notes (*.md)</source>
        <translation>可读的笔记（*.md）</translation>
    </message>
    <message>
        <source>Export Annotations</source>
        <translation>导出批注</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>%1 annotation(s) written to
%2</source>
        <translation>已将 %1 条批注写入
%2</translation>
    </message>
    <message>
        <source>Import Annotations</source>
        <translation>导入批注</translation>
    </message>
    <message>
        <source>Annotations (*.json)</source>
        <translation>批注（*.json）</translation>
    </message>
    <message>
        <source>Import refused</source>
        <translation>拒绝导入</translation>
    </message>
    <message>
        <source>Nothing was imported: the file was rejected.</source>
        <translation>未导入任何内容：文件未通过检查。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Added: %1</source>
        <translation>新增：%1</translation>
    </message>
    <message>
        <source>Updated: %1</source>
        <translation>更新：%1</translation>
    </message>
    <message>
        <source>Already present: %1</source>
        <translation>已存在：%1</translation>
    </message>
    <message>
        <source>Conflicting edits (both kept, the older as a copy): %1</source>
        <translation>编辑冲突（两者都保留，较旧的作为副本）：%1</translation>
    </message>
    <message>
        <source>A backup was taken before the import: %1</source>
        <translation>导入前已备份：%1</translation>
    </message>
    <message>
        <source>Restore from Backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>There are no backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <source>Replace your annotations with this backup (the current ones are kept in a copy):</source>
        <translation>用此备份替换您的批注（当前批注会另存一份副本）：</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <source>Annotations restored. The previous data was kept as %1.</source>
        <translation>批注已恢复。原有数据已保存为 %1。</translation>
    </message>
</context>
<context>
    <name>AnnotationListModel</name>
    <message>
        <source>Note on the case</source>
        <translation>案例批注</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>(orphaned)</source>
        <translation>（孤立）</translation>
    </message>
</context>
<context>
    <name>AnnotationStore</name>
    <message>
        <source>The change could not be saved:</source>
        <extracomment>How often a store asks SQLite whether another window or process changed the database (PRAGMA data_version: a read of a counter in shared memory, no file access).</extracomment>
        <translation>无法保存更改：</translation>
    </message>
    <message>
        <source>Add annotation</source>
        <translation>添加批注</translation>
    </message>
    <message>
        <source>Edit annotation</source>
        <translation>编辑批注</translation>
    </message>
    <message>
        <source>Keep conflicting edit</source>
        <translation>保留冲突的修改</translation>
    </message>
    <message>
        <source>This annotation was changed in another window at the same time. Both versions are kept: yours as a copy tagged “%1”.</source>
        <translation>此批注同时在另一个窗口中被修改。两个版本都已保留：您的修改另存为带“%1”标签的副本。</translation>
    </message>
    <message>
        <source>Delete annotation</source>
        <translation>删除批注</translation>
    </message>
</context>
<context>
    <name>AnnotationsPanel</name>
    <message>
        <source>This case</source>
        <translation>本案例</translation>
    </message>
    <message>
        <source>All annotations</source>
        <translation>全部批注</translation>
    </message>
    <message>
        <source>Orphaned</source>
        <translation>孤立批注</translation>
    </message>
    <message>
        <source>Orphaned annotations lost their passage when the casebook changed; they are kept.</source>
        <translation>案例库更新后找不到原文位置的批注称为孤立批注；它们会被保留。</translation>
    </message>
    <message>
        <source>Case Note</source>
        <translation>案例批注</translation>
    </message>
    <message>
        <source>A note on the case as a whole</source>
        <translation>针对整个案例的批注</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Bookmark the place at the top of the reader (Ctrl+D)</source>
        <translation>为阅读区顶部位置添加书签（Ctrl+D）</translation>
    </message>
    <message>
        <source>All colours</source>
        <translation>全部颜色</translation>
    </message>
    <message>
        <source>All batches</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Search notes and quotes…</source>
        <translation>检索批注和引文…</translation>
    </message>
    <message>
        <source>No annotations yet. Select text in the case and press 1–5 to highlight it.</source>
        <translation>还没有批注。在案例中选中文字，按 1–5 即可高亮。</translation>
    </message>
    <message>
        <source>No annotations match.</source>
        <translation>没有匹配的批注。</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Casebook cannot start</source>
        <translation>案例库无法启动</translation>
    </message>
    <message>
        <source>Your imported batches file was damaged and was moved aside to: %1</source>
        <translation>您导入的批次文件已损坏，已移至：%1</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Your annotations cannot be read; they were left as they are.</source>
        <translation>无法读取您的批注；批注文件保持原样，未作任何改动。</translation>
    </message>
    <message>
        <source>Your annotations cannot be opened, so new ones will not be kept after you quit.</source>
        <translation>无法打开您的批注文件，退出后新批注将不会保留。</translation>
    </message>
    <message>
        <source>Your annotations file was damaged. It was moved aside (not deleted) to:</source>
        <translation>您的批注文件已损坏，已移至（未删除）：</translation>
    </message>
    <message>
        <source>The newest good backup was restored: %1</source>
        <translation>已恢复最新的完好备份：%1</translation>
    </message>
    <message>
        <source>No good backup was found; a new, empty annotations file was started.</source>
        <translation>没有找到完好的备份，已新建空白批注文件。</translation>
    </message>
    <message>
        <source>%1 annotation(s) came from the backup.</source>
        <translation>%1 条批注来自备份。</translation>
    </message>
    <message>
        <source>%1 annotation(s) were recovered from the damaged file.</source>
        <translation>已从损坏的文件中找回 %1 条批注。</translation>
    </message>
</context>
<context>
    <name>Appearance</name>
    <message>
        <source>Text size %1%</source>
        <extracomment>The View → Theme menu&apos;s entries, in menu order (setting values). The theme was applied again (a switch, or the OS changed colours under &quot;system&quot;).</extracomment>
        <translation>文字大小 %1%</translation>
    </message>
</context>
<context>
    <name>BatchLabels</name>
    <message>
        <source>%1 · %n case(s)</source>
        <translation>%1 · %n 个案例</translation>
    </message>
</context>
<context>
    <name>BookmarksDialog</name>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Type to filter by name, case or batch</source>
        <translation>输入文字按名称、案例或批次筛选</translation>
    </message>
    <message>
        <source>Enter: go to the place · F2: rename · Delete: remove (Ctrl+Z brings it back)</source>
        <translation>Enter：转到该处 · F2：重命名 · Delete：删除（Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <source>No bookmarks yet. Ctrl+D bookmarks the place you are reading.</source>
        <translation>还没有书签。按 Ctrl+D 为正在阅读的位置添加书签。</translation>
    </message>
    <message>
        <source>Rename Bookmark</source>
        <translation>重命名书签</translation>
    </message>
</context>
<context>
    <name>CandidateDelegate</name>
    <message>
        <source>similarity %1</source>
        <extracomment>The case id of a row. The similarity score of a suggested row (``None`` for other rows). The &quot;batch · category · contributors&quot; line of a row. The row&apos;s :class:`Candidate`.</extracomment>
        <translation>相似度 %1</translation>
    </message>
</context>
<context>
    <name>CandidateModel</name>
    <message>
        <source>Text similarity: %1</source>
        <translation>文本相似度：%1</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Yellow</source>
        <extracomment>Highlight colours by annotation colour index (yellow, green, blue, pink, purple).</extracomment>
        <translation>黄色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>粉色</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <source>Highlight</source>
        <extracomment>Decoration (e.g. the key-figures card): ``html_decorators`` may add to the case&apos;s HTML before it is set (cheaper than editing the laid-out document); ``decorators`` are called after each rendering, before anchors and offsets are indexed, and return the document spans of decoration, which find and search skip.</extracomment>
        <translation>高亮</translation>
    </message>
    <message>
        <source>Highlight with Note…</source>
        <translation>高亮并写批注…</translation>
    </message>
    <message>
        <source>Bookmark Here</source>
        <translation>在此处添加书签</translation>
    </message>
</context>
<context>
    <name>ColumnBrowser</name>
    <message>
        <source>Highlight Selection</source>
        <extracomment>Annotation highlight colours by colour index 0–4 (yellow, green, blue, pink, purple), as in the reader. One colour per shared term (legend order): the underline and, lightened, the background. How many shared terms are looked for and shown.</extracomment>
        <translation>高亮所选文字</translation>
    </message>
    <message>
        <source>Open in Reader</source>
        <translation>在阅读器中打开</translation>
    </message>
</context>
<context>
    <name>ColumnHeader</name>
    <message>
        <source>Move this column left</source>
        <translation>左移此栏</translation>
    </message>
    <message>
        <source>Move this column right</source>
        <translation>右移此栏</translation>
    </message>
    <message>
        <source>Open this case in a reader tab</source>
        <translation>在阅读标签页中打开此案例</translation>
    </message>
    <message>
        <source>Remove this case from the comparison</source>
        <translation>从对比中移除此案例</translation>
    </message>
</context>
<context>
    <name>CompareActions</name>
    <message>
        <source>Open a comparison of two to four cases first</source>
        <extracomment>Longest tab title of a comparison, in characters (the rest is elided; the tool tip has it all).</extracomment>
        <translation>请先打开两到四个案例的对比</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>高亮</translation>
    </message>
</context>
<context>
    <name>ComparePicker</name>
    <message>
        <source>Compare With</source>
        <extracomment>The full-text search for the typed text finished (number of cases it added).</extracomment>
        <translation>对比</translation>
    </message>
    <message>
        <source>Choose up to %1 case(s) to compare with “%2”.</source>
        <translation>最多选择 %1 个案例与“%2”对比。</translation>
    </message>
    <message>
        <source>Choose up to %1 case(s) to compare.</source>
        <translation>最多选择 %1 个案例进行对比。</translation>
    </message>
    <message>
        <source>Search titles, regions and full text…</source>
        <translation>检索标题、地区和全文…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Most similar cases first, then all cases:</source>
        <translation>最相似的案例在前，其后为全部案例：</translation>
    </message>
    <message>
        <source>All cases:</source>
        <translation>全部案例：</translation>
    </message>
    <message>
        <source>Matching cases:</source>
        <translation>匹配的案例：</translation>
    </message>
    <message>
        <source>Choose at most %1 case(s): four cases fit side by side.</source>
        <translation>最多选择 %1 个案例：最多可并排对比四个案例。</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Find in the compared cases…</source>
        <extracomment>The comparison&apos;s text size at 100 % zoom: a little smaller than the reader&apos;s, as four columns share the width. What ``load_case(case_id)`` returns: the case and its batch title (may raise a StorageError). The compared case ids changed (the new list). The user asked to highlight a passage: case id, plain start, plain end (the annotation store&apos;s job). The user asked to open a compared case in a reader tab. The &quot;Add Case…&quot; button was pressed: show a picker and call :meth:`add_cases` with the choice. A message for the user was shown (&quot;&quot; when it was cleared). Full-screen mode was switched on or off. Shared terms were found (their texts). The find hits changed or the current one moved: current (1-based, 0 = none), total. Level rows and synchronised scrolling (:mod:`reader.ui.compare_rows`).</extracomment>
        <translation>在对比的案例中查找…</translation>
    </message>
    <message>
        <source>Finds text in every column; spaces between words and numbers are ignored.</source>
        <translation>在每一栏中查找文字；词语和数字之间的空格会被忽略。</translation>
    </message>
    <message>
        <source>Add Case…</source>
        <translation>添加案例…</translation>
    </message>
    <message>
        <source>Add a case to the comparison (up to four)</source>
        <translation>向对比中添加案例（最多四个）</translation>
    </message>
    <message>
        <source>Sync Scrolling</source>
        <translation>同步滚动</translation>
    </message>
    <message>
        <source>Scroll all columns together, section by section</source>
        <translation>按章节同步滚动所有栏</translation>
    </message>
    <message>
        <source>Shared Terms</source>
        <translation>共同关键词</translation>
    </message>
    <message>
        <source>Colour the distinctive terms these cases share</source>
        <translation>为这些案例共有的特色词语着色</translation>
    </message>
    <message>
        <source>A−</source>
        <translation>A−</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>A+</source>
        <translation>A+</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <source>Full Screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Show the comparison on the whole screen</source>
        <translation>全屏显示对比</translation>
    </message>
    <message>
        <source>Compare: %1</source>
        <translation>对比：%1</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>This case is already in the comparison.</source>
        <translation>此案例已在对比中。</translation>
    </message>
    <message>
        <source>At most %1 cases can be compared side by side: remove a column first.</source>
        <translation>最多可并排对比 %1 个案例：请先移除一栏。</translation>
    </message>
    <message>
        <source>Case %1 cannot be shown: %2</source>
        <translation>无法显示案例 %1：%2</translation>
    </message>
    <message>
        <source>Drag cases here from the library or the search results, or press “Add Case…”, to compare them.</source>
        <translation>从目录或检索结果中把案例拖到这里，或点击“添加案例…”，即可进行对比。</translation>
    </message>
    <message>
        <source>Add at least one more case to compare: drag it here or press “Add Case…”.</source>
        <translation>请再添加至少一个案例进行对比：拖到这里或点击“添加案例…”。</translation>
    </message>
    <message>
        <source>%1 of %2 cases</source>
        <translation>%1 / %2 个案例</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>导语</translation>
    </message>
    <message>
        <source>Not in this case</source>
        <translation>本案例无此部分</translation>
    </message>
    <message>
        <source>Shared terms are not available</source>
        <translation>无法获取共同关键词</translation>
    </message>
    <message>
        <source>Finding shared terms…</source>
        <translation>正在查找共同关键词…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>It was changed in another window or program in the meantime, so this change was not made: it would have undone that one. Look at it again and make the change anew if you still want it.</source>
        <extracomment>An ``OSError`` without a code of ours, by its errno: the message :func:`error_text` gives.</extracomment>
        <translation>它在此期间已被另一个窗口或程序修改，为免撤销那次修改，本次修改未执行。请重新查看，如仍需要，请再改一次。</translation>
    </message>
    <message>
        <source>The casebook database could not be found.</source>
        <translation>找不到案例库数据库。</translation>
    </message>
    <message>
        <source>The database file is damaged.</source>
        <translation>数据库文件已损坏。</translation>
    </message>
    <message>
        <source>The database cannot be written (read-only).</source>
        <translation>数据库无法写入（只读）。</translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <source>The database was made by a newer version of Casebook. Please update Casebook.</source>
        <translation>该数据库由更新版本的案例库软件创建，请升级软件。</translation>
    </message>
    <message>
        <source>This case is not in the casebook.</source>
        <translation>案例库中没有这个案例。</translation>
    </message>
    <message>
        <source>The query must be text.</source>
        <translation>检索词必须是文字。</translation>
    </message>
    <message>
        <source>The query is too long (at most 1000 characters).</source>
        <translation>检索词太长（最多 1000 个字符）。</translation>
    </message>
    <message>
        <source>The query has too many terms (at most 32).</source>
        <translation>检索词过多（最多 32 个）。</translation>
    </message>
    <message>
        <source>The query only excludes words: add a word to look for.</source>
        <translation>检索式只有排除词，请加入要查找的词。</translation>
    </message>
    <message>
        <source>An excluded word (-word) cannot be part of OR.</source>
        <translation>排除词（-词）不能用在 OR 中。</translation>
    </message>
    <message>
        <source>This query cannot be searched.</source>
        <translation>无法执行此检索。</translation>
    </message>
    <message>
        <source>The file or folder cannot be written (read-only, or no permission).</source>
        <translation>无法写入该文件或文件夹（只读，或没有权限）。</translation>
    </message>
    <message>
        <source>The file or folder does not exist.</source>
        <translation>该文件或文件夹不存在。</translation>
    </message>
    <message>
        <source>A file is in the way where a folder is needed.</source>
        <translation>此处需要一个文件夹，却有一个同名文件。</translation>
    </message>
    <message>
        <source>The file or folder cannot be used.</source>
        <translation>无法使用该文件或文件夹。</translation>
    </message>
    <message>
        <source>A file of Casebook itself is missing; please reinstall Casebook.</source>
        <translation>缺少 Casebook 自身的文件，请重新安装 Casebook。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>The file cannot be written here: the folder is read-only, you do not have permission, or the file is open in another program. Close it or choose another folder, then try again.</source>
        <translation>无法在此处写入文件：文件夹为只读、没有写入权限，或文件正被其他程序打开。请关闭该文件或换一个文件夹后重试。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space or choose another drive, then try again.</source>
        <translation>磁盘已满。请释放空间或换一个磁盘后重试。</translation>
    </message>
    <message>
        <source>There is nothing to export.</source>
        <translation>没有可导出的内容。</translation>
    </message>
    <message>
        <source>A chosen case is not in the casebook.</source>
        <translation>所选案例不在案例库中。</translation>
    </message>
    <message>
        <source>The export could not be written.</source>
        <translation>无法写入导出文件。</translation>
    </message>
    <message>
        <source>The export failed.</source>
        <translation>导出失败。</translation>
    </message>
    <message>
        <source>Exporting “%1”…</source>
        <translation>正在导出“%1”…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <extracomment>Formats a comparison can be written in.</extracomment>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <source>Markdown files (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <source>HTML files (*.html *.htm)</source>
        <translation>HTML 文件 (*.html *.htm)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
</context>
<context>
    <name>ExportOptionsDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Current case</source>
        <translation>当前案例</translation>
    </message>
    <message numerus="yes">
        <source>Selected cases (%n)</source>
        <translation>
            <numerusform>选中的案例（%n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>Whole batch:</source>
        <translation>整个批次：</translation>
    </message>
    <message numerus="yes">
        <source>All cases with annotations (%n)</source>
        <translation>
            <numerusform>所有有批注的案例（%n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>The comparison: %1</source>
        <translation>当前对比：%1</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Word document (.docx)</source>
        <translation>Word 文档 (.docx)</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>HTML (single file)</source>
        <translation>HTML（单个文件）</translation>
    </message>
    <message>
        <source>File type:</source>
        <translation>文件类型：</translation>
    </message>
    <message>
        <source>Clean</source>
        <translation>简洁</translation>
    </message>
    <message>
        <source>Official document (公文: 仿宋 body, 黑体 headings)</source>
        <translation>公文格式（仿宋正文、黑体标题）</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>版式：</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Letter（美式信纸）</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>纸张：</translation>
    </message>
    <message>
        <source>Notes only (quotes, notes and tags, without the case text)</source>
        <translation>仅批注（摘录、笔记和标签，不含案例正文）</translation>
    </message>
    <message>
        <source>Key figures (成效要点): a table at the head of each effect section</source>
        <translation>成效要点：在每个案例的实践效果部分开头附关键数据表</translation>
    </message>
    <message>
        <source>Default: the case or batch title</source>
        <translation>默认：案例或批次标题</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>FiguresCard</name>
    <message>
        <source>Key figures</source>
        <translation>成效要点</translation>
    </message>
    <message numerus="yes">
        <source>%n figure(s) in this section</source>
        <translation>
            <numerusform>本节共 %n 项数据</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FiguresModel</name>
    <message>
        <source>Case</source>
        <extracomment>The value to sort a cell by (numbers for the value column). The :class:`FigureRow` of a row.</extracomment>
        <translation>案例</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Qualifier</source>
        <translation>限定</translation>
    </message>
    <message>
        <source>What</source>
        <translation>所计对象</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>原句</translation>
    </message>
    <message>
        <source>Places mentioned in the text (the case prints no contributor)</source>
        <translation>文中提及的地点（该案例未署提供单位）</translation>
    </message>
    <message>
        <source>%1 (mentioned in the text)</source>
        <translation>%1（文中提及）</translation>
    </message>
</context>
<context>
    <name>FiguresRoom</name>
    <message>
        <source>Key Figures…</source>
        <translation>关键数据…</translation>
    </message>
    <message>
        <source>The Casebook at a Glance…</source>
        <translation>案例集一览…</translation>
    </message>
</context>
<context>
    <name>FiguresWindow</name>
    <message>
        <source>Key Figures</source>
        <extracomment>Each column&apos;s share of the page width in an exported table (the sentence gets the most). The widest the long columns of the table get, in characters (their texts elide beyond, the whole text in the tool tip); the other columns are as wide as their texts, and the sentence takes the rest.</extracomment>
        <translation>关键数据</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Region: printed contributors, or places mentioned in the text</source>
        <translation>地区：署名的提供单位，或文中提及的地点</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Search figures, e.g. 亿元 融资</source>
        <translation>搜索数据，如 亿元 融资</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export Word…</source>
        <translation>导出 Word…</translation>
    </message>
    <message>
        <source>The rows shown, as a table in a Word document</source>
        <translation>将当前显示的各行导出为 Word 文档中的表格</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>The rows shown, as a table in a PDF</source>
        <translation>将当前显示的各行导出为 PDF 中的表格</translation>
    </message>
    <message>
        <source>All batches</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>（无类别）</translation>
    </message>
    <message>
        <source>%1 (mentioned in the text)</source>
        <translation>%1（文中提及）</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>%1 of %2 figures, from %3 cases</source>
        <translation>共 %2 项数据，显示 %1 项，来自 %3 个案例</translation>
    </message>
    <message>
        <source>Batch: %1</source>
        <translation>批次：%1</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Region: %1</source>
        <translation>地区：%1</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>单位：%1</translation>
    </message>
    <message>
        <source>Search: %1</source>
        <translation>检索：%1</translation>
    </message>
    <message>
        <source>Export Figures</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Print Case</source>
        <translation>打印案例</translation>
    </message>
    <message>
        <source>Print Preview — %1</source>
        <translation>打印预览 — %1</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language is used fully after Casebook restarts.</source>
        <translation>重新启动后将完全使用新的界面语言。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this case…</source>
        <translation>在本案例中查找…</translation>
    </message>
    <message>
        <source>Finds text in the open case; spaces between words and numbers are ignored.</source>
        <translation>在当前案例中查找文字；词语与数字之间的空格不影响查找。</translation>
    </message>
    <message>
        <source>Previous hit (Shift+F3)</source>
        <translation>上一处（Shift+F3）</translation>
    </message>
    <message>
        <source>Next hit (F3)</source>
        <translation>下一处（F3）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>No hits</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>Hit %1 of %2</source>
        <translation>第 %1 处，共 %2 处</translation>
    </message>
</context>
<context>
    <name>Fonts</name>
    <message>
        <source>WenQuanYi Micro Hei</source>
        <extracomment>Chinese fonts often installed, by family: their names in the UI language (a font&apos;s name is its own otherwise).</extracomment>
        <translation>文泉驿微米黑</translation>
    </message>
    <message>
        <source>WenQuanYi Micro Hei Mono</source>
        <translation>文泉驿等宽微米黑</translation>
    </message>
    <message>
        <source>WenQuanYi Zen Hei</source>
        <translation>文泉驿正黑</translation>
    </message>
    <message>
        <source>Noto Sans CJK SC</source>
        <translation>思源黑体（Noto）</translation>
    </message>
    <message>
        <source>Noto Serif CJK SC</source>
        <translation>思源宋体（Noto）</translation>
    </message>
    <message>
        <source>Source Han Sans SC</source>
        <translation>思源黑体</translation>
    </message>
    <message>
        <source>Source Han Serif SC</source>
        <translation>思源宋体</translation>
    </message>
    <message>
        <source>AR PL UMing CN</source>
        <translation>文鼎明体</translation>
    </message>
    <message>
        <source>AR PL UKai CN</source>
        <translation>文鼎楷体</translation>
    </message>
    <message>
        <source>Microsoft YaHei</source>
        <translation>微软雅黑</translation>
    </message>
    <message>
        <source>SimSun</source>
        <translation>宋体</translation>
    </message>
    <message>
        <source>SimHei</source>
        <translation>黑体</translation>
    </message>
    <message>
        <source>KaiTi</source>
        <translation>楷体</translation>
    </message>
    <message>
        <source>FangSong</source>
        <translation>仿宋</translation>
    </message>
    <message>
        <source>PingFang SC</source>
        <translation>苹方</translation>
    </message>
</context>
<context>
    <name>GlanceCanvas</name>
    <message>
        <source>(no category)</source>
        <translation>（无类别）</translation>
    </message>
    <message>
        <source>Cases per batch</source>
        <translation>各批次案例数</translation>
    </message>
    <message>
        <source>Cases per category</source>
        <translation>各类别案例数</translation>
    </message>
    <message>
        <source>printed contributors (“…提供”)</source>
        <translation>署名的提供单位（“……提供”）</translation>
    </message>
    <message>
        <source>places mentioned in the text of cases that print no contributor</source>
        <translation>未署提供单位的案例在文中提及的地点</translation>
    </message>
    <message>
        <source>Cases per region</source>
        <translation>各地区案例数</translation>
    </message>
    <message>
        <source>Region × category</source>
        <translation>地区 × 类别</translation>
    </message>
    <message>
        <source>Years the figures refer to</source>
        <translation>数据所指年份</translation>
    </message>
    <message>
        <source>figures whose sentence states a year</source>
        <translation>所在句子写明年份的数据</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n case(s) — click to show them in the library</source>
        <translation>
            <numerusform>%1：%n 个案例 — 单击在案例库中显示</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GlanceWindow</name>
    <message>
        <source>The Casebook at a Glance</source>
        <translation>案例集一览</translation>
    </message>
    <message>
        <source>Printed contributors</source>
        <translation>署名提供单位</translation>
    </message>
    <message>
        <source>Places mentioned in the text</source>
        <translation>文中提及的地点</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Click a bar to show its cases in the library.</source>
        <translation>单击条形可在案例库中只显示相应案例。</translation>
    </message>
    <message>
        <source>Regions:</source>
        <translation>地区：</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Caret browsing on or off: a text cursor you move with the keyboard</source>
        <translation>打开或关闭光标浏览：用键盘移动的文字光标</translation>
    </message>
    <message>
        <source>With caret browsing: move the caret</source>
        <translation>光标浏览时：移动光标</translation>
    </message>
    <message>
        <source>With caret browsing: select text</source>
        <translation>光标浏览时：选择文字</translation>
    </message>
    <message>
        <source>With caret browsing: select the sentence at the caret</source>
        <translation>光标浏览时：选中光标所在的整句</translation>
    </message>
    <message>
        <source>Highlight the selection in yellow, green, blue, pink or purple</source>
        <translation>将选中文字高亮为黄、绿、蓝、粉或紫色</translation>
    </message>
    <message>
        <source>Highlight the selection and write a note</source>
        <translation>高亮选中文字并写批注</translation>
    </message>
    <message>
        <source>Space / Shift+Space</source>
        <translation>空格 / Shift+空格</translation>
    </message>
    <message>
        <source>Page down / page up</source>
        <translation>向下翻页 / 向上翻页</translation>
    </message>
    <message>
        <source>Go to the start / the end of the case</source>
        <translation>跳到案例开头 / 结尾</translation>
    </message>
    <message>
        <source>Move to the next / previous part of the window</source>
        <translation>移到窗口的下一个 / 上一个区域</translation>
    </message>
    <message>
        <source>In the library or the search results: open the case</source>
        <translation>在目录或搜索结果中：打开案例</translation>
    </message>
    <message>
        <source>Close the find bar, a tool window or the help; leave full screen or the presentation; in a note: save it and go back to the text</source>
        <translation>关闭查找栏、工具窗口或帮助；退出全屏或演示；在批注中：保存并回到正文</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <extracomment>Keys a standard binding brings that keyboards in use do not have: F13–F35 (Sun&apos;s Copy is F16) and the media keys Copy, Paste, Cut, Open, Back, Forward… that only some multimedia keyboards send.</extracomment>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Reading and selecting</source>
        <translation>阅读与选择</translation>
    </message>
</context>
<context>
    <name>ImportCasesModel</name>
    <message>
        <source>No.</source>
        <extracomment>How much of a case&apos;s first paragraph the preview shows. The set of cases to import changed. The user edited the title or contributors of the case in this row.</extracomment>
        <translation>序号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Contributors</source>
        <translation>提供单位</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>First lines</source>
        <translation>开头</translation>
    </message>
</context>
<context>
    <name>ImportMessages</name>
    <message>
        <source>line {line}: dropped an unrecognised line “{text}”</source>
        <extracomment>Every message the importer produces, by code. Placeholders are ``{name}``; a translation keeps them all.</extracomment>
        <translation>第 {line} 行：无法识别的行已略去：“{text}”</translation>
    </message>
    <message>
        <source>line {line}: text before the first case ignored: “{text}”</source>
        <translation>第 {line} 行：第一个案例之前的文字未导入：“{text}”</translation>
    </message>
    <message>
        <source>the document states no title; using its name</source>
        <translation>文档没有写明标题，以文件名作标题</translation>
    </message>
    <message>
        <source>{doc}: no recognisable case; the whole document is imported as one case</source>
        <translation>{doc}：未识别出案例，整个文档作为一个案例导入</translation>
    </message>
    <message>
        <source>line {line}: overlapping case titles; kept the first</source>
        <translation>第 {line} 行：案例标题相互重叠，保留了前一个</translation>
    </message>
    <message>
        <source>line {line}: several headings above a case title</source>
        <translation>第 {line} 行：案例标题上方有多个标题行</translation>
    </message>
    <message>
        <source>line {line}: “{text}” is numbered like a case title but does not follow case {after}; kept as text</source>
        <translation>第 {line} 行：“{text}”的编号像案例标题，但不接续第 {after} 个案例，按正文保留</translation>
    </message>
    <message>
        <source>{doc}: {missing} of {total} cases have no number</source>
        <translation>{doc}：{total} 个案例中有 {missing} 个没有编号</translation>
    </message>
    <message>
        <source>{doc}: case numbers jump from {prev} to {cur}</source>
        <translation>{doc}：案例编号从 {prev} 跳到 {cur}</translation>
    </message>
    <message>
        <source>{doc}: case number {number} occurs twice in a row</source>
        <translation>{doc}：案例编号 {number} 连续出现两次</translation>
    </message>
    <message>
        <source>{doc}: case numbers start at {first}</source>
        <translation>{doc}：案例编号从 {first} 开始</translation>
    </message>
    <message>
        <source>the title “{title}” occurs {count} times</source>
        <translation>标题“{title}”出现了 {count} 次</translation>
    </message>
    <message>
        <source>{count} cases share a title with another case</source>
        <translation>{count} 个案例与其他案例标题相同</translation>
    </message>
    <message>
        <source>case {ordinal} ({title}): the title looks cut off where it wrapped</source>
        <translation>第 {ordinal} 个案例（{title}）：标题似乎在换行处被截断</translation>
    </message>
    <message>
        <source>contents entry {number}. {text} has no case</source>
        <translation>目录条目 {number}. {text} 没有对应的案例</translation>
    </message>
    <message>
        <source>contents entry {number}. {text} differs from the title “{title}”</source>
        <translation>目录条目 {number}. {text} 与标题“{title}”不一致</translation>
    </message>
    <message>
        <source>case {ordinal} ({title}): no sections found</source>
        <translation>第 {ordinal} 个案例（{title}）：未找到章节</translation>
    </message>
    <message>
        <source>case {ordinal} ({title}): section {label} where {expected} was expected</source>
        <translation>第 {ordinal} 个案例（{title}）：此处应为第 {expected} 节，却是 {label}</translation>
    </message>
    <message>
        <source>case {ordinal} ({title}): subsection {label} before any section; kept as lead text</source>
        <translation>第 {ordinal} 个案例（{title}）：小节 {label} 出现在所有章节之前，按导语保留</translation>
    </message>
    <message>
        <source>case {ordinal} ({title}): subsection {label} in {parent} where {expected} was expected</source>
        <translation>第 {ordinal} 个案例（{title}）：{parent} 中此处应为第 {expected} 小节，却是 {label}</translation>
    </message>
    <message>
        <source>{text} ({times} times)</source>
        <translation>{text}（共 {times} 次）</translation>
    </message>
    <message>
        <source>{doc}: the document is empty</source>
        <translation>{doc}：文档是空的</translation>
    </message>
    <message>
        <source>{doc}: no recognisable case (no case title followed by a contributor line, a 一、 section or the next case number)</source>
        <translation>{doc}：未识别出案例（没有后接供稿单位行、“一、”章节或下一个案例编号的案例标题）</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import Batch</source>
        <extracomment>How much of a paragraph a row shows (the tooltip has all of it). The document was read and parsed; the preview is shown. The document cannot be imported (the message shown). The batch was written to the library (its id); the dialog then closes with Accepted.</extracomment>
        <translation>导入批次</translation>
    </message>
    <message>
        <source>Import as One Case</source>
        <translation>作为一个案例导入</translation>
    </message>
    <message>
        <source>Import the whole document as one case, its headings as sections</source>
        <translation>把整个文档作为一个案例导入，其中的标题作为章节</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Batch title:</source>
        <translation>批次标题：</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>文档：</translation>
    </message>
    <message>
        <source>Categories:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Mark as Case Title (Split Here)</source>
        <translation>标为案例标题（从此处拆分）</translation>
    </message>
    <message>
        <source>The selected line becomes the title of a new case; the case it was in ends before it</source>
        <translation>选中的行成为一个新案例的标题；它原来所在的案例在此之前结束</translation>
    </message>
    <message>
        <source>Merge into Previous Case</source>
        <translation>并入上一个案例</translation>
    </message>
    <message>
        <source>The selected case is no case of its own: join it to the one before</source>
        <translation>选中的案例并非独立案例：把它并入前一个案例</translation>
    </message>
    <message>
        <source>Undo Corrections</source>
        <translation>撤销更正</translation>
    </message>
    <message>
        <source>Document (case titles in bold; select a line to mark it as a title):</source>
        <translation>文档（案例标题为粗体；选中一行可将其标为标题）：</translation>
    </message>
    <message>
        <source>Double-click a title or contributors to edit them.</source>
        <translation>双击标题或供稿单位即可编辑。</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>This document is already in your library: “%1” comes with Casebook. Import it again as a copy?</source>
        <translation>这份文件已在案例库中：“%1”随 Casebook 提供。仍要作为副本再导入一次吗？</translation>
    </message>
    <message>
        <source>This document is already in your library as “%1”. Import it again as a copy?</source>
        <translation>这份文件已在案例库中，即“%1”。仍要作为副本再导入一次吗？</translation>
    </message>
    <message>
        <source>Import as Copy</source>
        <translation>作为副本导入</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Warnings (%1): check these places in the document.</source>
        <translation>警告（%1 条）：请检查文档中的这些位置。</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>没有警告。</translation>
    </message>
    <message>
        <source>This document was imported before as “%1”. Replace that batch? Your annotations are kept.</source>
        <translation>此文档曾以“%1”导入。要替换该批次吗？您的批注会保留。</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>You can still import the whole document as one case (its headings become sections).</source>
        <translation>仍可把整个文档作为一个案例导入（其中的标题成为章节）。</translation>
    </message>
    <message>
        <source>This file cannot be imported.</source>
        <translation>无法导入此文件。</translation>
    </message>
    <message>
        <source>Cases: %1 of %2 will be imported (uncheck a case to leave it out).</source>
        <translation>案例：将导入 %2 个中的 %1 个（取消勾选可不导入）。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件为空。</translation>
    </message>
    <message>
        <source>The file is not a text document.</source>
        <translation>该文件不是文本文档。</translation>
    </message>
    <message>
        <source>The text encoding of the file is not recognised.</source>
        <translation>无法识别文件的文字编码。</translation>
    </message>
    <message>
        <source>The file is too large to import.</source>
        <translation>文件太大，无法导入。</translation>
    </message>
    <message>
        <source>The file is password-protected.</source>
        <translation>文件受密码保护。</translation>
    </message>
    <message>
        <source>The file is damaged.</source>
        <translation>文件已损坏。</translation>
    </message>
    <message>
        <source>This kind of file cannot be imported.</source>
        <translation>无法导入此类文件。</translation>
    </message>
    <message>
        <source>The file cannot be found.</source>
        <translation>找不到文件。</translation>
    </message>
    <message>
        <source>This is not a regular file (a pipe, socket or device).</source>
        <translation>这不是普通文件（而是管道、套接字或设备）。</translation>
    </message>
    <message>
        <source>This is an old binary Word or WPS file (.doc/.wps): open it in Word or WPS, save it as .docx, and import that file.</source>
        <translation>这是旧版二进制 Word 或 WPS 文件（.doc/.wps）：请在 Word 或 WPS 中打开，另存为 .docx，再导入该文件。</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>无法读取文件。</translation>
    </message>
    <message>
        <source>This batch is already in your library.</source>
        <translation>此批次已在您的案例库中。</translation>
    </message>
    <message>
        <source>Every case was left out: there is nothing to import.</source>
        <translation>所有案例都被排除了：没有可导入的内容。</translation>
    </message>
    <message>
        <source>No case was recognised in the document.</source>
        <translation>文档中没有识别出案例。</translation>
    </message>
    <message>
        <source>The document has no text layer, only images (a scan?): run OCR on it or ask for the original file.</source>
        <translation>该文档没有文字层，只有图像（扫描件？）：请先进行文字识别（OCR），或索取原始文件。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
</context>
<context>
    <name>LibraryActions</name>
    <message>
        <source>Import Batch</source>
        <translation>导入批次</translation>
    </message>
    <message>
        <source>Documents (*.txt *.md *.docx *.pdf *.ofd);;All files (*)</source>
        <translation>文档 (*.txt *.md *.docx *.pdf *.ofd);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported %1 cases</source>
        <translation>已导入 %1 个案例</translation>
    </message>
    <message>
        <source>Rename Batch</source>
        <translation>重命名批次</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Remove Batch</source>
        <translation>移除批次</translation>
    </message>
    <message>
        <source>Remove the imported batch “%1”? Your annotations on it are kept as orphans and come back if you import it again.</source>
        <translation>要移除导入的批次“%1”吗？您在其中的批注会作为孤立批注保留，再次导入后会恢复。</translation>
    </message>
    <message>
        <source>Open in New Tab</source>
        <translation>在新标签页中打开</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Add to Playlist</source>
        <translation>加入播放列表</translation>
    </message>
    <message>
        <source>Compare Selected Cases</source>
        <translation>对比选中的案例</translation>
    </message>
    <message>
        <source>Compare With…</source>
        <translation>与…对比</translation>
    </message>
    <message>
        <source>Rename Batch…</source>
        <translation>重命名批次…</translation>
    </message>
    <message>
        <source>Remove Batch…</source>
        <translation>移除批次…</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <extracomment>The case id of a case row (``None`` for batches and categories). ``&quot;batch&quot;``, ``&quot;category&quot;`` or ``&quot;case&quot;``. The contributors of a case as a tuple of names (``()`` for batches and categories). The number of cases under a batch or category (1 for a case). The id of the batch a row belongs to. The bare title: batch or category title without count, case title without number. The number of the user&apos;s annotations (highlights, notes, bookmarks) on a case (0 for batches and categories). The MIME type of dragged cases: the case ids, one a line. Some case&apos;s annotation count changed (after the rows&apos; own ``dataChanged``).</extracomment>
        <translation>
            <numerusform>%n 条批注</numerusform>
        </translation>
    </message>
    <message>
        <source>Contributed by: %1</source>
        <translation>提供单位：%1</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Uncategorised</source>
        <translation>未分类</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 个案例</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <source>Filter titles…</source>
        <translation>筛选标题…</translation>
    </message>
    <message>
        <source>Show only cases whose title or contributor contains this text</source>
        <translation>只显示标题或提供单位包含此文字的案例</translation>
    </message>
    <message>
        <source>Show every case again</source>
        <translation>重新显示全部案例</translation>
    </message>
    <message>
        <source>Only Annotated Cases</source>
        <translation>只看有批注的案例</translation>
    </message>
    <message>
        <source>Annotated</source>
        <comment>library filter button: only annotated cases</comment>
        <translation>有批注</translation>
    </message>
    <message>
        <source>Show only the cases with highlights, notes or bookmarks</source>
        <translation>只显示有高亮、笔记或书签的案例</translation>
    </message>
    <message>
        <source>Only: %1</source>
        <translation>仅显示：%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Casebook</source>
        <extracomment>The first widths of the library, the reader and the side panels. Playlists share the annotations&apos; undo stack: Ctrl+Z undoes the last change, whichever it was.</extracomment>
        <translation>案例库</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>检索</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <source>Notes</source>
        <comment>side panel tab: the annotations</comment>
        <translation>批注</translation>
    </message>
    <message>
        <source>Similar</source>
        <comment>side panel tab: the similar cases</comment>
        <translation>相似案例</translation>
    </message>
    <message>
        <source>Lists</source>
        <comment>side panel tab, short: the playlists</comment>
        <translation>列表</translation>
    </message>
    <message>
        <source>Similar</source>
        <comment>side panel tab, short: the similar cases</comment>
        <translation>相似</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Playlists</source>
        <translation>播放列表</translation>
    </message>
    <message>
        <source>Cannot open the case</source>
        <translation>无法打开案例</translation>
    </message>
    <message>
        <source>Hit %1 of %2</source>
        <translation>第 %1 处，共 %2 处</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open in New Tab</source>
        <translation>在新标签页中打开</translation>
    </message>
    <message>
        <source>Close Tab</source>
        <translation>关闭标签页</translation>
    </message>
    <message>
        <source>Recent Cases</source>
        <translation>最近阅读</translation>
    </message>
    <message>
        <source>Import Batch…</source>
        <translation>导入批次…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print Preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Export Annotations…</source>
        <translation>导出批注…</translation>
    </message>
    <message>
        <source>Import Annotations…</source>
        <translation>导入批注…</translation>
    </message>
    <message>
        <source>Restore Annotations from Backup…</source>
        <translation>从备份恢复批注…</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>首选项…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy with Reference</source>
        <translation>复制并附出处</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Find in Case…</source>
        <translation>在案例中查找…</translation>
    </message>
    <message>
        <source>Find Next</source>
        <translation>查找下一处</translation>
    </message>
    <message>
        <source>Find Previous</source>
        <translation>查找上一处</translation>
    </message>
    <message>
        <source>Search Library…</source>
        <translation>检索全库…</translation>
    </message>
    <message>
        <source>Clear Search History</source>
        <translation>清除检索历史</translation>
    </message>
    <message>
        <source>Bookmark This Place</source>
        <translation>为此处添加书签</translation>
    </message>
    <message>
        <source>Note on This Case…</source>
        <translation>为本案例写批注…</translation>
    </message>
    <message>
        <source>Add to Playlist</source>
        <translation>加入播放列表</translation>
    </message>
    <message>
        <source>Filter Library…</source>
        <translation>筛选目录…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Actual Size</source>
        <translation>原始大小</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Present Playlist</source>
        <extracomment>Entries that act on the case in front: greyed out (their keys dead) while no reader tab shows one.</extracomment>
        <translation>演示播放列表</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Follow System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>High Contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <source>Compare Selected Cases</source>
        <translation>对比选中的案例</translation>
    </message>
    <message>
        <source>Compare With…</source>
        <translation>与…对比</translation>
    </message>
    <message>
        <source>Full Screen Comparison</source>
        <translation>全屏对比</translation>
    </message>
    <message>
        <source>Export Comparison…</source>
        <translation>导出对比…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <source>Next Tab</source>
        <translation>下一个标签页</translation>
    </message>
    <message>
        <source>Previous Tab</source>
        <translation>上一个标签页</translation>
    </message>
    <message>
        <source>Bookmarks…</source>
        <translation>书签…</translation>
    </message>
    <message>
        <source>Next Area</source>
        <translation>下一区域</translation>
    </message>
    <message>
        <source>Previous Area</source>
        <translation>上一区域</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About Casebook</source>
        <translation>关于案例库</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>Present the playlist selected in the Playlists panel as a talk</source>
        <translation>将播放列表面板中选中的播放列表作为一场讲座演示</translation>
    </message>
    <message>
        <source>Select a playlist with cases in the Playlists panel first</source>
        <translation>请先在播放列表面板中选择一个含有案例的播放列表</translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>OpenFile</name>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
</context>
<context>
    <name>PlaylistItemsModel</name>
    <message numerus="yes">
        <source>(%n section(s))</source>
        <translation>
            <numerusform>（%n 个章节）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlaylistListModel</name>
    <message numerus="yes">
        <source>%1  (%n case(s))</source>
        <comment>playlist title and its number of cases</comment>
        <translation>
            <numerusform>%1（%n 个案例）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlaylistStore</name>
    <message>
        <source>This playlist was changed in another window at the same time. Both texts are kept: the other one first, then yours, marked “%1”.</source>
        <extracomment>Fields whose conflicting edits are kept side by side (text the user typed), with their separators.</extracomment>
        <translation>此播放列表同时在另一个窗口中被修改。两段文字都已保留：先是另一个窗口的，然后是您的，标记为“%1”。</translation>
    </message>
    <message>
        <source>New playlist</source>
        <translation>新建播放列表</translation>
    </message>
    <message>
        <source>Duplicate playlist</source>
        <translation>复制播放列表</translation>
    </message>
    <message>
        <source>Delete playlist</source>
        <translation>删除播放列表</translation>
    </message>
    <message>
        <source>Rename playlist</source>
        <translation>重命名播放列表</translation>
    </message>
    <message>
        <source>Edit playlist notes</source>
        <translation>编辑播放列表备注</translation>
    </message>
    <message>
        <source>Edit end slide</source>
        <translation>编辑结束页</translation>
    </message>
    <message>
        <source>Add to playlist</source>
        <translation>添加到播放列表</translation>
    </message>
    <message>
        <source>Remove from playlist</source>
        <translation>从播放列表移除</translation>
    </message>
    <message>
        <source>Reorder playlist</source>
        <translation>调整播放列表顺序</translation>
    </message>
    <message>
        <source>Edit notes on a case</source>
        <translation>编辑案例备注</translation>
    </message>
    <message>
        <source>Choose sections</source>
        <translation>选择章节</translation>
    </message>
    <message>
        <source>Plan the time</source>
        <translation>计划时间</translation>
    </message>
    <message>
        <source>Import playlists</source>
        <translation>导入播放列表</translation>
    </message>
</context>
<context>
    <name>PlaylistsPanel</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Create a playlist</source>
        <translation>新建播放列表</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Rename the playlist (F2)</source>
        <translation>重命名播放列表（F2）</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Make a copy of the playlist</source>
        <translation>复制播放列表</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the playlist</source>
        <translation>删除播放列表</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Import Playlists…</source>
        <translation>导入播放列表…</translation>
    </message>
    <message>
        <source>Export This Playlist…</source>
        <translation>导出此播放列表…</translation>
    </message>
    <message>
        <source>Export All Playlists…</source>
        <translation>导出全部播放列表…</translation>
    </message>
    <message>
        <source>Export Handout…</source>
        <translation>导出讲义…</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Rehearse</source>
        <translation>排练</translation>
    </message>
    <message>
        <source>Practise the talk: the presenter view on this screen, with the timers running</source>
        <translation>排练讲座：在本屏幕上显示演讲者视图并开始计时</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the case in the reader</source>
        <translation>在阅读器中打开案例</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected cases</source>
        <translation>移除选中的案例</translation>
    </message>
    <message>
        <source>Sections…</source>
        <translation>章节…</translation>
    </message>
    <message>
        <source>Choose the sections of the case to present</source>
        <translation>选择要演示的案例章节</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Notes on the playlist (for the trainer)</source>
        <translation>播放列表备注（供培训讲师使用）</translation>
    </message>
    <message>
        <source>Notes on this case (shown in the presenter view)</source>
        <translation>本案例备注（显示在演讲者视图中）</translation>
    </message>
    <message>
        <source>Playlist notes</source>
        <translation>播放列表备注</translation>
    </message>
    <message>
        <source>Notes on the selected case</source>
        <translation>所选案例的备注</translation>
    </message>
    <message>
        <source>The playlists cannot be read:</source>
        <translation>无法读取播放列表：</translation>
    </message>
    <message>
        <source>No playlist selected</source>
        <translation>未选择播放列表</translation>
    </message>
    <message>
        <source>Playlists</source>
        <translation>播放列表</translation>
    </message>
    <message>
        <source>Present the playlist full-screen (Shift+F5)</source>
        <translation>全屏演示播放列表（Shift+F5）</translation>
    </message>
    <message>
        <source>New Playlist</source>
        <translation>新播放列表</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>The playlists could not be exported:</source>
        <translation>无法导出播放列表：</translation>
    </message>
    <message>
        <source>Import Playlists</source>
        <translation>导入播放列表</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <source>The playlists could not be imported:</source>
        <translation>无法导入播放列表：</translation>
    </message>
    <message>
        <source>The file is not a valid playlist file (it is not JSON).</source>
        <translation>该文件不是有效的播放列表文件（不是 JSON）。</translation>
    </message>
    <message>
        <source>The file is incomplete (cut off?).</source>
        <translation>文件不完整（可能被截断）。</translation>
    </message>
    <message>
        <source>The file is not UTF-8 text.</source>
        <translation>该文件不是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>The file is too large.</source>
        <translation>文件太大。</translation>
    </message>
    <message>
        <source>The file is not a Casebook playlist file.</source>
        <translation>该文件不是案例库播放列表文件。</translation>
    </message>
    <message>
        <source>The file was made by a newer version of Casebook.</source>
        <translation>该文件由更新版本的案例库软件创建。</translation>
    </message>
    <message>
        <source>The file lists a case that is not in this casebook.</source>
        <translation>文件中列出的案例不在此案例库中。</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>无法读取文件。</translation>
    </message>
    <message>
        <source>The playlist file is damaged or not valid.</source>
        <translation>播放列表文件已损坏或无效。</translation>
    </message>
    <message>
        <source>Delete Playlist</source>
        <translation>删除播放列表</translation>
    </message>
    <message>
        <source>Delete the playlist “%1”? The cases and annotations stay.</source>
        <translation>要删除播放列表“%1”吗？案例和批注不受影响。</translation>
    </message>
    <message>
        <source>The case cannot be opened:</source>
        <translation>无法打开案例：</translation>
    </message>
    <message>
        <source>Casebook playlists (*.json);;All files (*)</source>
        <translation>案例库播放列表 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 playlist(s) imported, %2 already here.</source>
        <translation>已导入 %1 个播放列表，%2 个已存在。</translation>
    </message>
    <message>
        <source>playlists</source>
        <translation>播放列表</translation>
    </message>
    <message>
        <source>Export Playlists</source>
        <translation>导出播放列表</translation>
    </message>
    <message>
        <source>Casebook playlists (*.json)</source>
        <translation>案例库播放列表 (*.json)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Follow System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>High Contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>阅读</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 字</translation>
    </message>
    <message>
        <source>The text column&apos;s widest width; a narrow window makes it narrower.</source>
        <translation>正文栏的最大宽度；窗口较窄时会随之变窄。</translation>
    </message>
</context>
<context>
    <name>PresentationWindow</name>
    <message>
        <source>(continued)</source>
        <extracomment>A justified line may be stretched by at most this part of the line&apos;s width; a paragraph with a line that would be stretched more (a long Latin word or number pushed to the next line) is set flush left. Glyphs this large (device pixels) are drawn as outlines, which Qt does not embolden: bold text then gets a stroke of this part of its size when the font has no bold face of its own (most CJK fonts).</extracomment>
        <translation>（续）</translation>
    </message>
    <message>
        <source>Thank you!
Questions?</source>
        <extracomment>a block&apos;s bold lead (Piece.lead), in the size and colour of its paragraph</extracomment>
        <translation>谢谢！
欢迎提问</translation>
    </message>
    <message>
        <source>Case %1 of %2</source>
        <translation>案例 %1 / %2</translation>
    </message>
    <message>
        <source>%n minute(s)</source>
        <translation>%n 分钟</translation>
    </message>
    <message>
        <source>%n case(s)</source>
        <translation>%n 个案例</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Go to case %1</source>
        <translation>转到案例 %1</translation>
    </message>
    <message>
        <source>Go to slide %1</source>
        <translation>转到第 %1 张</translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <source>Presenter View</source>
        <translation>演讲者视图</translation>
    </message>
    <message>
        <source>Rehearsal</source>
        <extracomment>Colours of the countdown (text, background) by level.</extracomment>
        <translation>排练</translation>
    </message>
    <message>
        <source>Time of day</source>
        <translation>当前时间</translation>
    </message>
    <message>
        <source>Time since the presentation began</source>
        <translation>演示已进行的时间</translation>
    </message>
    <message>
        <source>Time left for this case (planned in the playlist)</source>
        <translation>本案例剩余时间（在播放列表中计划）</translation>
    </message>
    <message>
        <source>Reset Timer</source>
        <translation>重置计时</translation>
    </message>
    <message>
        <source>End of the presentation</source>
        <translation>演示结束</translation>
    </message>
    <message>
        <source>No notes on this passage.</source>
        <translation>此段没有备注。</translation>
    </message>
    <message>
        <source>Elapsed:</source>
        <translation>已用时：</translation>
    </message>
    <message>
        <source>Current slide</source>
        <translation>当前幻灯片</translation>
    </message>
    <message>
        <source>Next slide</source>
        <translation>下一张幻灯片</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>→ next · ← previous · number + Enter: go to slide (on the agenda: to case) · A agenda · B black · W white · +/− type size · S spotlight · Esc end</source>
        <translation>→ 下一张 · ← 上一张 · 数字 + 回车：转到幻灯片（在议程页：转到案例） · A 议程 · B 黑屏 · W 白屏 · +/− 字号 · S 聚光 · Esc 结束</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>%1 over</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <source>Slide %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <source>Go to slide %1</source>
        <translation>转到第 %1 张</translation>
    </message>
</context>
<context>
    <name>Presenting</name>
    <message>
        <source>Playlists</source>
        <extracomment>The presentation running now, or None.</extracomment>
        <translation>播放列表</translation>
    </message>
    <message>
        <source>Choose a playlist with cases in the Playlists panel, then Shift+F5</source>
        <translation>请在播放列表面板中选择一个含有案例的播放列表，然后按 Shift+F5</translation>
    </message>
    <message>
        <source>Export Handout</source>
        <translation>导出讲义</translation>
    </message>
</context>
<context>
    <name>ReadOnly</name>
    <message>
        <source>The disk is full, so Casebook is read-only: you can read, search and export, but changes cannot be saved. Nothing was changed or moved. Free some space and start Casebook again.</source>
        <translation>磁盘已满，Casebook 现处于只读模式：可以阅读、检索和导出，但无法保存修改。没有任何文件被改动或移走。请释放一些空间后重新启动 Casebook。</translation>
    </message>
    <message>
        <source>The folder for your data cannot be written, so Casebook is read-only: you can read, search and export, but changes cannot be saved. Nothing was changed.</source>
        <translation>无法写入您的数据文件夹，Casebook 现处于只读模式：可以阅读、检索和导出，但无法保存修改。没有任何文件被改动。</translation>
    </message>
    <message>
        <source>This change was not saved.</source>
        <translation>此修改未保存。</translation>
    </message>
</context>
<context>
    <name>RecentCases</name>
    <message>
        <source>No cases opened yet</source>
        <extracomment>How many cases are remembered. Longest title and batch label shown in a menu entry, in characters (the tool tip has them whole).</extracomment>
        <translation>尚未打开过案例</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清除列表</translation>
    </message>
</context>
<context>
    <name>ResultDelegate</name>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n 处</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search all cases…</source>
        <extracomment>Results for the current query are shown (the total number of matching cases). The current query could not be searched (the message shown). A search was sent to the searcher (the query).</extracomment>
        <translation>检索全部案例…</translation>
    </message>
    <message>
        <source>Search the full text of every case.
Words separated by spaces must all appear.
&quot;quoted phrase&quot; finds the exact phrase.
-word excludes cases that contain the word.
A OR B finds cases with either.
Chinese needs no spaces between words.</source>
        <translation>检索全部案例的全文。
用空格分隔的词必须同时出现。
&quot;带引号的短语&quot; 按原样查找。
-词 排除包含该词的案例。
A OR B 查找包含任一词的案例。
中文词语之间无需空格。</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>检索历史</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>章节</translation>
    </message>
    <message>
        <source>Clear Filters</source>
        <translation>清除筛选条件</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 个案例</numerusform>
        </translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>检索失败：%1</translation>
    </message>
    <message>
        <source>could not load more results</source>
        <translation>无法加载更多结果</translation>
    </message>
    <message>
        <source>All batches</source>
        <translation>全部批次</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部地区</translation>
    </message>
    <message>
        <source>All sections</source>
        <translation>全部章节</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>主要做法</translation>
    </message>
    <message>
        <source>Effect</source>
        <translation>实践效果</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Type to search the full text of all cases.
Hover over the search field to see how to combine words, phrases and exclusions.</source>
        <translation>输入文字即可检索全部案例的全文。
将鼠标悬停在检索框上，可查看如何组合词语、短语和排除词。</translation>
    </message>
    <message>
        <source>No cases match “%1”.</source>
        <translation>没有与“%1”匹配的案例。</translation>
    </message>
    <message>
        <source>Try fewer characters or a shorter word.</source>
        <translation>试试更少的字或更短的词。</translation>
    </message>
    <message>
        <source>Remove a filter: set it back to “All”.</source>
        <translation>取消筛选：将筛选条件改回“全部”。</translation>
    </message>
    <message>
        <source>Check the excluded words (those starting with -).</source>
        <translation>检查排除词（以 - 开头的词）。</translation>
    </message>
    <message>
        <source>No case matches “%1” with the chosen filters.</source>
        <translation>在所选筛选条件下，没有案例包含“%1”。</translation>
    </message>
    <message numerus="yes">
        <source>Without them, %n case(s) match.</source>
        <translation>
            <numerusform>不加筛选时有 %n 个案例匹配。</numerusform>
        </translation>
    </message>
    <message>
        <source>There is nothing to search for in “%1”.</source>
        <translation>“%1”中没有可检索的内容。</translation>
    </message>
    <message>
        <source>Type a word or phrase: - and OR only work next to one.</source>
        <translation>请输入词语或短语：- 和 OR 只能与词语一起使用。</translation>
    </message>
    <message>
        <source>This query cannot be searched:</source>
        <translation>无法执行此检索：</translation>
    </message>
    <message>
        <source>Hover over the search field to see the query syntax.</source>
        <translation>将鼠标悬停在检索框上可查看检索语法。</translation>
    </message>
    <message>
        <source>Clear Search History</source>
        <translation>清除检索历史</translation>
    </message>
</context>
<context>
    <name>SectionsDialog</name>
    <message>
        <source>Sections to Present</source>
        <translation>要演示的章节</translation>
    </message>
    <message>
        <source>Introduction (before the first section)</source>
        <translation>导语（第一节之前）</translation>
    </message>
</context>
<context>
    <name>SelectionBar</name>
    <message>
        <source>Highlight in %1 (%2)</source>
        <translation>用%1高亮（%2）</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>批注…</translation>
    </message>
    <message>
        <source>Highlight and write a note</source>
        <translation>高亮并写批注</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Text size (%)</source>
        <translation>文字大小（%）</translation>
    </message>
    <message>
        <source>Append the case reference when copying</source>
        <translation>复制时附上案例出处</translation>
    </message>
    <message>
        <source>Caret browsing: move through the text with the keyboard</source>
        <translation>光标浏览：用键盘在文字中移动</translation>
    </message>
    <message>
        <source>Body font</source>
        <translation>正文字体</translation>
    </message>
    <message>
        <source>Line spacing</source>
        <translation>行距</translation>
    </message>
    <message>
        <source>Page width (characters a line)</source>
        <translation>版心宽度（每行字数）</translation>
    </message>
    <message>
        <source>Recent cases</source>
        <translation>最近阅读的案例</translation>
    </message>
    <message>
        <source>Reopen the last session&apos;s tabs on start</source>
        <translation>启动时恢复上次打开的标签页</translation>
    </message>
    <message>
        <source>Open tabs</source>
        <translation>打开的标签页</translation>
    </message>
    <message>
        <source>Current tab</source>
        <translation>当前标签页</translation>
    </message>
    <message>
        <source>Search delay while typing (ms)</source>
        <translation>输入时的检索延迟（毫秒）</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>检索历史</translation>
    </message>
    <message>
        <source>Last export folder</source>
        <translation>上次导出的文件夹</translation>
    </message>
    <message>
        <source>Last folder of imported documents</source>
        <translation>上次导入文件的文件夹</translation>
    </message>
    <message>
        <source>Last folder of annotation files</source>
        <translation>上次批注文件的文件夹</translation>
    </message>
    <message>
        <source>Last folder of playlist files</source>
        <translation>上次播放列表文件的文件夹</translation>
    </message>
    <message>
        <source>Last folder of figures tables</source>
        <translation>上次数据表的文件夹</translation>
    </message>
    <message>
        <source>Last folder of overview images</source>
        <translation>上次概览图片的文件夹</translation>
    </message>
    <message>
        <source>Export file type</source>
        <translation>导出文件类型</translation>
    </message>
    <message>
        <source>Export layout</source>
        <translation>导出版式</translation>
    </message>
    <message>
        <source>Exports: a key-figures table at the head of each case&apos;s effect section</source>
        <translation>导出：在每个案例的实践效果部分开头附成效要点表</translation>
    </message>
</context>
<context>
    <name>SimilarCasesPanel</name>
    <message>
        <source>Similar cases</source>
        <translation>相似案例</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Compare the selected case with the one you are reading</source>
        <translation>将选中的案例与正在阅读的案例对比</translation>
    </message>
    <message>
        <source>Finding similar cases…</source>
        <translation>正在查找相似案例…</translation>
    </message>
    <message>
        <source>No similar cases</source>
        <translation>没有相似案例</translation>
    </message>
</context>
<context>
    <name>TalkPlan</name>
    <message>
        <source>not planned</source>
        <translation>未计划</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Minutes planned for this case: the presenter view counts them down</source>
        <translation>本案例计划的分钟数：演讲者视图倒计时</translation>
    </message>
    <message>
        <source>Thank you! Questions?</source>
        <translation>谢谢！欢迎提问</translation>
    </message>
    <message>
        <source>The text of the talk&apos;s last slide</source>
        <translation>讲座最后一张幻灯片的文字</translation>
    </message>
    <message>
        <source>Planned time for this case:</source>
        <translation>本案例计划时间：</translation>
    </message>
    <message>
        <source>End slide:</source>
        <translation>结束页：</translation>
    </message>
</context>
<context>
    <name>TermLegend</name>
    <message>
        <source>Shared terms:</source>
        <translation>共同关键词：</translation>
    </message>
    <message>
        <source>No distinctive terms shared by these cases</source>
        <translation>这些案例没有共同的特色词语</translation>
    </message>
    <message>
        <source>In %1 of the casebook&apos;s cases</source>
        <translation>出现在案例库中的 %1 个案例里</translation>
    </message>
</context>
<context>
    <name>ViewControls</name>
    <message>
        <source>Library Panel</source>
        <extracomment>Panel index -&gt; whether the user wants it (their last toggle), whatever folded or hid it meanwhile.</extracomment>
        <translation>目录面板</translation>
    </message>
    <message>
        <source>Side Panel</source>
        <translation>侧边面板</translation>
    </message>
    <message>
        <source>Focus Mode (Reader Only)</source>
        <translation>专注模式（仅阅读区）</translation>
    </message>
    <message>
        <source>Full Screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Caret Browsing</source>
        <translation>光标浏览</translation>
    </message>
    <message>
        <source>Next Case</source>
        <translation>下一个案例</translation>
    </message>
    <message>
        <source>Previous Case</source>
        <translation>上一个案例</translation>
    </message>
    <message>
        <source>Go to Case Number…</source>
        <translation>转到案例编号…</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Reading progress in this case</source>
        <translation>本案例的阅读进度</translation>
    </message>
    <message>
        <source>Text size (Ctrl + / Ctrl − / Ctrl 0)</source>
        <translation>文字大小（Ctrl + / Ctrl − / Ctrl 0）</translation>
    </message>
    <message>
        <source>Caret browsing on: arrows move, Shift+arrows select, 1–5 highlight</source>
        <translation>光标浏览已打开：方向键移动，Shift+方向键选择，1–5 高亮</translation>
    </message>
    <message>
        <source>Caret browsing off</source>
        <translation>光标浏览已关闭</translation>
    </message>
    <message>
        <source>This is the last case</source>
        <translation>已是最后一个案例</translation>
    </message>
    <message>
        <source>This is the first case</source>
        <translation>已是第一个案例</translation>
    </message>
    <message>
        <source>Go to Case Number</source>
        <translation>转到案例编号</translation>
    </message>
    <message>
        <source>Case number in “%1” (%2–%3):</source>
        <translation>“%1”中的案例编号（%2–%3）：</translation>
    </message>
    <message>
        <source>No case with this number</source>
        <translation>没有这个编号的案例</translation>
    </message>
    <message>
        <source>Read %1%</source>
        <translation>已读 %1%</translation>
    </message>
    <message>
        <source>Text %1%</source>
        <translation>文字 %1%</translation>
    </message>
</context>
</TS>
