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
    <message>
        <source>Add case note</source>
        <translation>添加案例批注</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Casebook cannot start</source>
        <translation>案例库无法启动</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>批注</translation>
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
        <source>%1 annotation(s) were recovered from the damaged file.</source>
        <translation>已从损坏的文件中找回 %1 条批注。</translation>
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
    <name>Errors</name>
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
    <name>LibraryModel</name>
    <message>
        <source>Contributed by: %1</source>
        <extracomment>The case id of a case row (``None`` for batches and categories). ``&quot;batch&quot;``, ``&quot;category&quot;`` or ``&quot;case&quot;``. The contributors of a case as a tuple of names (``()`` for batches and categories). The number of cases under a batch or category (1 for a case). The id of the batch a row belongs to. The bare title: batch or category title without count, case title without number. The MIME type of dragged cases: the case ids, one a line.</extracomment>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Casebook</source>
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
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
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
        <source>Print…</source>
        <translation>打印…</translation>
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
        <source>Bookmark This Place</source>
        <translation>为此处添加书签</translation>
    </message>
    <message>
        <source>Note on This Case…</source>
        <translation>为本案例写批注…</translation>
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
        <source>Cannot open the case</source>
        <translation>无法打开案例</translation>
    </message>
    <message>
        <source>Hit %1 of %2</source>
        <translation>第 %1 处，共 %2 处</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Bookmark added</source>
        <translation>已添加书签</translation>
    </message>
    <message>
        <source>Print Case</source>
        <translation>打印案例</translation>
    </message>
    <message>
        <source>Text size %1%</source>
        <translation>文字大小 %1%</translation>
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
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search all cases…</source>
        <extracomment>Facet key -&gt; keyword argument of ``search()``. Results for the current query are shown (the total number of matching cases). The current query could not be searched (the message shown). A search was sent to the searcher (the query).</extracomment>
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
</context>
</TS>
