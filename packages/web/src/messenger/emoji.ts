/** The built-in emoji picker's set: common faces, hands and symbols (plain Unicode, nothing downloaded). */
export const EMOJI = [
  ...'😀 😁 😂 🤣 😃 😄 😅 😆 😉 😊 😋 😎 😍 😘 🥰 😗 🙂 🤗 🤩 🤔 🤨 😐 😑 😶 🙄 😏 😣 😥 😮 🤐 😯 😪 😫 🥱 😴 😌 😛 😜 😝 🤤 😒 😓 😔 😕 🙃 🤑 😲 🙁 😖 😞 😟 😤 😢 😭 😦 😧 😨 😩 🤯 😬 😰 😱 🥵 🥶 😳 🤪 😵 😡 😠 🤬 😷 🤒 🤕 🤢 🤮 🤧 😇 🥳 🥺 🤠 🤡 🤫 🤭 🧐 🤓'.split(
    ' ',
  ),
  ...'👍 👎 👌 ✌️ 🤞 🤝 🙏 👏 🙌 💪 👋 🤙 👀 ❤️ 💔 💯 🔥 ✨ 🎉 🎁 🌹 🌸 ☕ 🍵 🍰 🧧 💰 ✅ ❌ ❓'.split(' '),
];
